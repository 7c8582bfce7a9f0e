package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"mentorsim/class/store"
	"mentorsim/sim/jsonobj"
)

// MaxBody is the largest request body accepted, in bytes: every request
// of the activity is a few dozen bytes of JSON.
const MaxBody = 4 << 10

// apiError is an error with the HTTP status to answer with.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func fail(status int, format string, args ...any) error {
	return &apiError{status, fmt.Sprintf(format, args...)}
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers with {"error": "..."} and the error's status (500
// for errors that are not the client's, without their details).
func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if errors.As(err, &ae) {
		writeJSON(w, ae.status, map[string]string{"error": ae.msg})
		return
	}
	if errors.Is(err, store.ErrNotFound) { // gone since the request began (a session deleted, say)
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found: the session or student is no longer there (deleted?)"})
		return
	}
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error; the server's log says more"})
}

// jsonKind names what a request field of type t takes.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a whole number"
}

// decode reads a JSON object of at most MaxBody bytes into v, refusing
// other content types, trailing data, and what encoding/json would let
// through: unknown keys, keys that match a field only ignoring case
// ("Nickname"), a key given twice, a null, deep nesting.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		return fail(http.StatusUnsupportedMediaType, "content type %q is not allowed; want application/json", r.Header.Get("Content-Type"))
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fail(http.StatusRequestEntityTooLarge, "request body is larger than %d bytes, which is not allowed", MaxBody)
		}
		return fail(http.StatusBadRequest, "request body cannot be read: %v", err)
	}
	if !utf8.Valid(data) { // encoding/json would put U+FFFD in its place
		return fail(http.StatusBadRequest, "request body is not valid UTF-8; want JSON text in UTF-8")
	}
	if p := jsonobj.Strict(data); p != nil {
		switch {
		case p.TooDeep:
			return fail(http.StatusBadRequest, "request body nests more than %d deep; want a flat object", jsonobj.MaxDepth)
		case p.Key != "":
			return fail(http.StatusBadRequest, "request body gives %q twice; want each key once", p.Key)
		}
		return fail(http.StatusBadRequest, "request body has a null at %q; want a value", p.Path)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err == nil {
		allowed := fieldNames(v)
		for k := range keys {
			if !slices.Contains(allowed, k) {
				return fail(http.StatusBadRequest, "request body's key %q is not allowed; want some of %s (keys are case-sensitive)", k, strings.Join(allowed, ", "))
			}
		}
	}
	if err := jsonobj.Decode(data, v); err != nil {
		if errors.Is(err, jsonobj.ErrTrailing) {
			return fail(http.StatusBadRequest, "request body holds more than one JSON value; want one object")
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) { // in the request's words, not Go's types
			if te.Field == "" {
				return fail(http.StatusBadRequest, "request body is a JSON %s; want an object", te.Value)
			}
			return fail(http.StatusBadRequest, "request body's %q is a JSON %s; want %s", te.Field, te.Value, jsonKind(te.Type))
		}
		return fail(http.StatusBadRequest, "request body is not valid: %v", err)
	}
	return nil
}

// fieldNames are the JSON keys of the struct v points to.
func fieldNames(v any) []string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" {
			name = t.Field(i).Name
		}
		if name != "-" {
			names = append(names, name)
		}
	}
	return names
}

// sameOrigin refuses state-changing requests that a browser says come
// from another site. Clients that are not browsers send neither header.
func sameOrigin(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		if site != "same-origin" && site != "none" {
			return fail(http.StatusForbidden, "Sec-Fetch-Site %q is not allowed; requests must come from this server's own pages", site)
		}
		return nil
	}
	if o := r.Header.Get("Origin"); o != "" {
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			return fail(http.StatusForbidden, "Origin %q is not allowed; requests must come from this server's own pages", o)
		}
	}
	return nil
}

// tokenChars is the length of a token: 24 random bytes in base64url.
const tokenChars = 32

// wellFormedToken reports whether a token a page drew has the form of the
// server's own.
func wellFormedToken(t string) bool {
	b, err := base64.RawURLEncoding.DecodeString(t)
	return err == nil && len(t) == tokenChars && len(b) == 24
}

// newToken returns a random secret and the hash the database keeps.
func newToken() (token string, hash []byte) {
	b := make([]byte, 24)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) string {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || len(tok) > 100 {
		return ""
	}
	return tok
}

// clientIP is the remote address's IP.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func isLoopback(r *http.Request) bool {
	ip := net.ParseIP(clientIP(r))
	return ip != nil && ip.IsLoopback()
}

// failures limits, per client address, the wrong tokens a client may
// present: each wrong one takes a token from the address's bucket, and once
// it is empty the address's tokens are checked only against those the
// server holds in memory (every student who has joined or been seen since
// the server started), with no database read, and the rest are answered
// 429. A right token is not refused: a class behind one NAT address shares
// a bucket, and one student's stale token must not lock out the rest (or
// the teacher, whose token is checked in memory).
type failures struct{ *limiter }

// exhausted reports whether r's address has presented too many wrong
// tokens: then only tokens the server holds in memory are looked up.
func (f failures) exhausted(r *http.Request, now time.Time) bool {
	return f.empty("ip:"+clientIP(r), now)
}

// refuse counts a wrong token from r's address and returns wrong, or a 429
// if the address has presented too many.
func (f failures) refuse(r *http.Request, now time.Time, wrong error) error {
	if !f.allow("ip:"+clientIP(r), now) {
		return fail(http.StatusTooManyRequests, "too many wrong session codes or tokens from this address; wait a minute and try again")
	}
	return wrong
}

// limiter is a token bucket per client key.
type limiter struct {
	rate, burst float64
	mu          sync.Mutex // guards buckets and calls
	buckets     map[string]*bucket
	calls       int
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate, burst float64) *limiter {
	return &limiter{rate: rate, burst: burst, buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket, if it has one.
func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	if l.calls%4096 == 0 {
		l.forget(now)
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// empty reports whether key's bucket has no token left, taking none.
func (l *limiter) empty(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	return b != nil && b.tokens+now.Sub(b.last).Seconds()*l.rate < 1
}

// forget drops full buckets, so the map holds only recent clients.
func (l *limiter) forget(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, k)
		}
	}
}

// ownHosts are the names a request's Host may carry besides loopback
// addresses and "localhost": the machine's own addresses, and BaseURL's
// host. A page reached under another name (DNS rebinding, a forged Host)
// would hand out join links to that name.
func ownHosts(baseURL string) map[string]bool {
	hosts := map[string]bool{"localhost": true}
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				hosts[n.IP.String()] = true
			}
		}
	}
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		hosts[strings.ToLower(u.Hostname())] = true
	}
	return hosts
}

// hostAllowed reports whether a request's Host header names this server.
func (s *Server) hostAllowed(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	return s.hosts[host]
}
