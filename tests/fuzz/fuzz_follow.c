/*
 * The handshake follower (bmcsim decode, bmcsim trace): it reads captured
 * datagrams of both directions, recomputes the RAKP auth codes, derives
 * the keys and decrypts.  The input first drives a damaged conversation
 * (tests/fuzz/conversation.h) whose every datagram the follower reads with
 * the right password, formulas and secrets printed; what input is left is
 * then read as raw datagrams, each preceded by a 2-byte big-endian length,
 * so it reaches the in-session paths with the keys of that conversation.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conversation.h"
#include "follow.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fuzz_follow_ctx {
	struct follow *f;
	FILE	      *sink;
};

static void
fuzz_follow_one(void *arg, const uint8_t *d, size_t len)
{
	struct fuzz_follow_ctx *c = arg;
	uint8_t			msg[1024];
	size_t			mlen = 0;

	(void)follow_datagram(c->f, c->sink, "  ", d, len);
	if (follow_peek_msg(c->f, d, len, msg, sizeof(msg), &mlen) == 0 &&
	    mlen > sizeof(msg))
		abort();
}

static void
fuzz_follow_observe(void *arg, int to_console, const uint8_t *d, size_t len)
{
	(void)to_console;
	fuzz_follow_one(arg, d, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE	      *sink;
	struct follow_opts     o;
	struct fuzz_follow_ctx c;
	struct rd	       rd, dg;
	uint16_t	       len;
	uint8_t		       sik[32], k1[32], k2[32];

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	memset(&o, 0, sizeof(o));
	memcpy(o.password, "password", 8);
	o.have_password = 1;
	o.explain = 1;
	o.show_secrets = 1;
	if ((c.f = follow_new(&o)) == NULL)
		abort();
	c.sink = sink;
	rd_init(&rd, data, size);
	conversation_run(&rd, fuzz_follow_observe, &c);
	while (rd_u16be(&rd, &len) == 0 &&
	    rd_sub(&rd, &dg, len < rd_left(&rd) ? len : rd_left(&rd)) == 0)
		fuzz_follow_one(&c, rd_pos(&dg), rd_left(&dg));
	if (follow_last_keys(c.f, sik, k1, k2) > sizeof(sik))
		abort();
	follow_free(c.f);
	return 0;
}
