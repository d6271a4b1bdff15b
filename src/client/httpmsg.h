/*
 * The HTTP/1.1 response reader of bmcsim ctl: parses a response read
 * whole (the request said "Connection: close") into a status, a content
 * type and a body, undoing chunked transfer coding (RFC 9112 §7.1).
 * Sans I/O, so that it is tested and fuzzed alone.
 */
#ifndef BMCSIM_HTTPMSG_H
#define BMCSIM_HTTPMSG_H

#include <stddef.h>

struct httpmsg_response {
	int    status;	  /* 100..599 */
	char   ctype[64]; /* Content-Type, "" if none (cut if longer) */
	char  *body;	  /* malloc'd, NUL-terminated; "" if none */
	size_t body_len;
};

/*
 * Parses in (len bytes).  0; ERR_TRUNCATED (the response stops before
 * its headers end, or before Content-Length or the last chunk);
 * ERR_FORMAT (not an HTTP/1.x status line, a bad header or chunk size);
 * ERR_NOMEM.  On failure nothing is left to free.
 */
int httpmsg_parse_response(
    const char *in, size_t len, struct httpmsg_response *out);
void httpmsg_response_clear(struct httpmsg_response *);

#endif
