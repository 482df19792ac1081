#!/usr/bin/env python3
"""Trim and scrub a capture before it goes into testdata/scan/real/.

    trim.py har IN OUT                 HAR from any tool
    trim.py storagestate IN OUT        Playwright storageState / cookie-jar JSON
    trim.py wec IN OUT                 website-evidence-collector inspection.json
    trim.py netscape IN OUT            Netscape cookies.txt

What it does (the README in testdata/scan/real/ says the same per file):
  * HAR: drops response bodies (content.text) and request bodies
    (postData.text/params), keeps only the Cookie, Set-Cookie, Referer,
    Content-Type and Location headers, replaces every cookie value (in
    request/response cookies and in the Cookie / Set-Cookie headers) by
    'x' repeated to the same length, keeps names, domains, paths and expiries;
    replaces the values of identifier-like query parameters (cid, uid, ...)
    by x's as well. Tool-specific fields (_initiator, _priority, ...) are kept
    unless the file stays over the size budget, then they are dropped.
  * storageState / cookie JSON: every cookie and localStorage value becomes
    x's of the same length, except values that only record a consent choice
    (OptanonConsent minus its consentId, cmplz_*, ...).
  * netscape: the value column becomes x's.
Only standard library; python3 trim.py ... .
"""
import json
import re
import sys
from urllib.parse import urlsplit, urlunsplit

KEEP_HEADERS = {"cookie", "set-cookie", "referer", "content-type", "location"}

# query parameters whose values identify a browser or a person
ID_PARAMS = {
    "cid", "uid", "_gid", "gid", "sid", "user_id", "userid", "uuid", "puid",
    "fbp", "_fbp", "fbc", "_fbc", "gclid", "fbclid", "msclkid", "dclid",
    "em", "email", "ph", "ecid", "mid", "mcmid", "d_mid", "vid", "visitorid",
    "visitor_id", "bid", "bsid", "guid", "_hjuserid", "ga", "_ga", "clientid",
    "client_id", "sessionid", "session_id", "token", "auth", "ud", "idfa",
    "adid", "aid", "tuid", "pid", "u", "_u", "gjid", "_gjid", "jid",
    "user", "oid", "wt.co_f", "wt.vtid", "wt.vt_sid", "d_uuid", "_hjid",
    "mcid", "ecid", "_hsenc", "mc_eid",
}
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
LONGHEX = re.compile(r"^[0-9a-fA-F]{16,}$")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

# cookie names whose value only records a consent choice or a flag
KEEP_VALUE = re.compile(
    r"^(OptanonAlertBoxClosed|cmplz_.*|CookieConsent|at_check|s_cc|s_sq|"
    r"euconsent.*|_hjSessionRejected|_hjIncludedInSessionSample.*)$"
)


CAP = None


def xs(v):
    if not isinstance(v, str):
        return v
    return "x" * (min(len(v), CAP) if CAP else len(v))


def scrub_cookie_value(name, value):
    if not isinstance(value, str):
        return value
    if name == "OptanonConsent":
        return re.sub(r"(consentId=)[^&]*", lambda m: m.group(1) + "x" * (len(m.group(0)) - len(m.group(1))), value)
    if KEEP_VALUE.match(name or ""):
        return value
    return xs(value)


def scrub_cookie_header(v):
    out = []
    for part in v.split(";"):
        if "=" in part:
            n, val = part.split("=", 1)
            out.append(n + "=" + scrub_cookie_value(n.strip(), val))
        else:
            out.append(part)
    return ";".join(out)


def scrub_set_cookie(v):
    # a HAR may put several Set-Cookie lines in one value, joined by \n
    lines = []
    for line in v.split("\n"):
        first, _, rest = line.partition(";")
        if "=" in first:
            n, val = first.split("=", 1)
            first = n + "=" + scrub_cookie_value(n.strip(), val)
        lines.append(first + (";" + rest if rest or line.endswith(";") else ""))
    return "\n".join(lines)


def unuuid(s):
    return UUID.sub(lambda m: "x" * len(m.group(0)), s)


def scrub_query_value(name, value):
    if name.lower() in ID_PARAMS or EMAIL.search(value or "") or LONGHEX.match(value or ""):
        return xs(value)
    return unuuid(value) if isinstance(value, str) else value


def scrub_url(url):
    try:
        s = urlsplit(url)
    except ValueError:
        return url
    if not s.query:
        return unuuid(url)
    parts = []
    for p in s.query.split("&"):
        if "=" in p:
            n, v = p.split("=", 1)
            parts.append(n + "=" + scrub_query_value(n, v))
        else:
            parts.append(p)
    return urlunsplit((s.scheme, s.netloc, unuuid(s.path), "&".join(parts), s.fragment))


def trim_headers(hs):
    out = []
    for h in hs or []:
        n = h.get("name", "").lower()
        if n not in KEEP_HEADERS:
            continue
        h = dict(h)
        if n == "cookie":
            h["value"] = scrub_cookie_header(h.get("value", ""))
        elif n == "set-cookie":
            h["value"] = scrub_set_cookie(h.get("value", ""))
        elif n in ("referer", "location"):
            h["value"] = scrub_url(h.get("value", ""))
        out.append(h)
    return out


def trim_cookies(cs):
    out = []
    for c in cs or []:
        c = dict(c)
        c["value"] = scrub_cookie_value(c.get("name"), c.get("value"))
        out.append(c)
    return out


def dump_har(doc):
    # one entry per line: small diffs, still valid JSON
    log = doc["log"]
    head = {k: v for k, v in log.items() if k != "entries"}
    lines = ",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in log["entries"])
    h = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    return '{"log":' + h[:-1] + (',' if len(head) else '') + '"entries":[\n' + lines + '\n]}}'


def har(doc, level=0, budget=300_000):
    """level 0: indented; 1: one entry a line, tool fields other than
    _initiator*/_priority/_resourceType dropped; 2: also the request Cookie
    header where request.cookies already lists the same cookies; 3: also
    cookie values longer than 24 characters become 24 x's; 4: also every
    tool field but _initiator/_priority/_resourceType, and the queryString
    arrays (the query stays in request.url)."""
    global CAP
    CAP = 24 if level >= 3 else None
    log = doc["log"]
    for p in log.get("pages", []):
        if "title" in p:
            p["title"] = scrub_url(p["title"])
    for e in log.get("entries", []):
        rq, rs = e["request"], e["response"]
        rq["url"] = scrub_url(rq["url"])
        rq["headers"] = trim_headers(rq.get("headers"))
        rq["cookies"] = trim_cookies(rq.get("cookies"))
        if level >= 2 and rq["cookies"]:
            rq["headers"] = [h for h in rq["headers"] if h["name"].lower() != "cookie"]
        rq["queryString"] = [
            dict(q, value=scrub_query_value(q.get("name", ""), q.get("value", "")))
            for q in rq.get("queryString", [])
        ]
        if "postData" in rq:
            pd = rq["postData"]
            rq["postData"] = {"mimeType": pd.get("mimeType", ""), "text": ""}
        rs["headers"] = trim_headers(rs.get("headers"))
        rs["cookies"] = trim_cookies(rs.get("cookies"))
        if "redirectURL" in rs:
            rs["redirectURL"] = scrub_url(rs["redirectURL"])
        c = rs.get("content", {})
        c.pop("text", None)
        c.pop("encoding", None)
        if level >= 1:
            keep = ("_initiator", "_resourceType", "_priority") if level >= 4 else None
            for k in [k for k in e if k.startswith("_")]:
                if keep is not None and k not in keep:
                    del e[k]
                elif keep is None and not k.startswith("_initiator") and k not in ("_resourceType", "_priority"):
                    del e[k]
        if level >= 4:
            rq["queryString"] = []
    out = json.dumps(doc, indent=1, ensure_ascii=False) if level == 0 else dump_har(doc)
    out = unuuid(out)  # UUIDs left in initiators, Location, ;-parameters
    if len(out.encode()) > budget and level < 4:
        return har(doc, level + 1, budget)
    sys.stderr.write("har level %d, %d bytes\n" % (level, len(out.encode())))
    return out


def storagestate(doc):
    cookies = doc if isinstance(doc, list) else doc.get("cookies", [])
    for c in cookies:
        c["value"] = scrub_cookie_value(c.get("name"), c.get("value"))
    if isinstance(doc, dict):
        for o in doc.get("origins", []):
            for kv in o.get("localStorage", []):
                kv["value"] = xs(kv.get("value"))
    return json.dumps(doc, indent=2, ensure_ascii=False)


def wec(doc):
    for c in doc.get("cookies", []):
        c["value"] = scrub_cookie_value(c.get("name"), c.get("value"))
    for origin, kv in (doc.get("localStorage") or {}).items():
        for k, v in kv.items():
            if isinstance(v, dict) and "value" in v:
                v["value"] = xs(v["value"])
    for b in doc.get("beacons", []):
        b["url"] = scrub_url(b.get("url", ""))
        if isinstance(b.get("query"), dict):
            b["query"] = {k: (scrub_query_value(k, v) if isinstance(v, str) else v) for k, v in b["query"].items()}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def netscape(text):
    out = []
    for line in text.splitlines():
        if not line.strip() or (line.startswith("#") and not line.startswith("#HttpOnly_")):
            out.append(line)
            continue
        f = line.split("\t")
        if len(f) == 7:
            f[6] = scrub_cookie_value(f[5], f[6])
        out.append("\t".join(f))
    return "\n".join(out) + "\n"


def main():
    kind, src, dst = sys.argv[1:4]
    with open(src, encoding="utf-8-sig") as f:
        raw = f.read()
    if kind == "netscape":
        res = netscape(raw)
    else:
        doc = json.loads(raw)
        res = {"har": har, "storagestate": storagestate, "wec": wec}[kind](doc) + "\n"
    with open(dst, "w", encoding="utf-8") as f:
        f.write(res)


if __name__ == "__main__":
    main()
