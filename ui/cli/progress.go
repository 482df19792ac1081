package cli

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// progress shows how much of a large file has been read, on a terminal's
// standard error, redrawn at most ten times a second; done clears it.
type progress struct {
	w     io.Writer
	name  string
	size  int64
	read  atomic.Int64
	stop  chan struct{}
	ended chan struct{}
}

func newProgress(w io.Writer, name string, size int64) *progress {
	p := &progress{w: w, name: name, size: size, stop: make(chan struct{}), ended: make(chan struct{})}
	go p.draw()
	return p
}

func (p *progress) wrap(r io.Reader) io.Reader { return progressReader{r, p} }

func (p *progress) draw() {
	defer close(p.ended)
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		case <-t.C:
			fmt.Fprintf(p.w, "\rreading %s: %d%% of %d MB\x1b[K", p.name, p.read.Load()*100/max(1, p.size), p.size>>20)
		}
	}
}

func (p *progress) done() {
	close(p.stop)
	<-p.ended
}

type progressReader struct {
	r io.Reader
	p *progress
}

func (pr progressReader) Read(b []byte) (int, error) {
	n, err := pr.r.Read(b)
	pr.p.read.Add(int64(n))
	return n, err
}
