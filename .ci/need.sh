# need WHO COMMAND PACKAGE...: make sure COMMAND is on the PATH, installing
# Debian's PACKAGEs when it is not and this is root. Returns 1 (after saying
# so) when it cannot, so that the calling check can skip. Sourced by the
# browser checks.
need() {
	local who=$1 cmd=$2
	shift 2
	command -v "$cmd" >/dev/null && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "$who: $cmd is not installed and this is not root; skipped"
		return 1
	fi
	echo "$who: installing Debian's $*"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
