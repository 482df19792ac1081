package data

import "testing"

// A path-style S3 URL names the same bucket as the virtual-hosted one, and
// is looked up as it: lookup answered "Amazon Web Services, block: no" for
// s3.amazonaws.com/someones-tracker/t.js and "owner unknown" for
// someones-tracker.s3.amazonaws.com.
func TestAPathStyleBucketIsTheVirtualHostedOne(t *testing.T) {
	for in, want := range map[string]string{
		"https://s3.amazonaws.com/evil-bucket/t.js":                   "evil-bucket.s3.amazonaws.com /t.js",
		"https://s3.eu-west-1.amazonaws.com/my.bucket/a/b.js":         "my.bucket.s3.eu-west-1.amazonaws.com /a/b.js",
		"https://s3-eu-west-1.amazonaws.com/evil-bucket/t.js":         "evil-bucket.s3-eu-west-1.amazonaws.com /t.js",
		"https://s3.dualstack.us-east-1.amazonaws.com/evil-bucket/":   "evil-bucket.s3.dualstack.us-east-1.amazonaws.com /",
		"https://s3.cn-north-1.amazonaws.com.cn/evil-bucket/t.js":     "evil-bucket.s3.cn-north-1.amazonaws.com.cn /t.js",
		"https://s3.amazonaws.com/":                                   "s3.amazonaws.com /",
		"https://s3.amazonaws.com/Not_A_Bucket/t.js":                  "s3.amazonaws.com /Not_A_Bucket/t.js",
		"https://s3-website-us-east-1.amazonaws.com/evil-bucket/t.js": "s3-website-us-east-1.amazonaws.com /evil-bucket/t.js",
		"https://evil-bucket.s3.amazonaws.com/t.js":                   "evil-bucket.s3.amazonaws.com /t.js",
		"https://s3sync.example.com/evil-bucket/t.js":                 "s3sync.example.com /evil-bucket/t.js",
		"https://sqs.us-east-1.amazonaws.com/evil-bucket/t.js":        "sqs.us-east-1.amazonaws.com /evil-bucket/t.js",
		// A bucket named like an endpoint, virtual-hosted (review8).
		"https://s3.example.com.s3.amazonaws.com/assets/x.js": "s3.example.com.s3.amazonaws.com /assets/x.js",
	} {
		tg, err := ParseTarget(in)
		if err != nil {
			t.Fatal(err)
		}
		b := tg.BucketHost()
		if got := b.Host + " " + b.Path; got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}
