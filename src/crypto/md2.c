/*
 * MD2 (RFC 1319), for the IPMI 1.5 MD2 auth type: OpenSSL 3 no longer has
 * it.  Written from the RFC's description; S is its table from pi.
 */
#include <string.h>

#include "ct.h"
#include "md2.h"

static const uint8_t md2_s[256] = {41, 46, 67, 201, 162, 216, 124, 1, 61, 54,
    84, 161, 236, 240, 6, 19, 98, 167, 5, 243, 192, 199, 115, 140, 152, 147, 43,
    217, 188, 76, 130, 202, 30, 155, 87, 60, 253, 212, 224, 22, 103, 66, 111,
    24, 138, 23, 229, 18, 190, 78, 196, 214, 218, 158, 222, 73, 160, 251, 245,
    142, 187, 47, 238, 122, 169, 104, 121, 145, 21, 178, 7, 63, 148, 194, 16,
    137, 11, 34, 95, 33, 128, 127, 93, 154, 90, 144, 50, 39, 53, 62, 204, 231,
    191, 247, 151, 3, 255, 25, 48, 179, 72, 165, 181, 209, 215, 94, 146, 42,
    172, 86, 170, 198, 79, 184, 56, 210, 150, 164, 125, 182, 118, 252, 107, 226,
    156, 116, 4, 241, 69, 157, 112, 89, 100, 113, 135, 32, 134, 91, 207, 101,
    230, 45, 168, 2, 27, 96, 37, 173, 174, 176, 185, 246, 28, 70, 97, 105, 52,
    64, 126, 15, 85, 71, 163, 35, 221, 81, 175, 58, 195, 92, 249, 206, 186, 197,
    234, 38, 44, 83, 13, 110, 133, 40, 132, 9, 211, 223, 205, 244, 65, 129, 77,
    82, 106, 220, 55, 200, 108, 193, 171, 250, 36, 225, 123, 8, 12, 189, 177,
    74, 120, 136, 149, 139, 227, 99, 232, 109, 233, 203, 213, 254, 59, 0, 29,
    57, 242, 239, 183, 14, 102, 88, 208, 228, 166, 119, 114, 248, 235, 117, 75,
    10, 49, 68, 80, 180, 143, 237, 31, 26, 219, 153, 141, 51, 159, 17, 131, 20};

struct md2_state {
	uint8_t x[48];
	uint8_t c[16];
	uint8_t buf[16];
	size_t	buflen;
};

/* RFC 1319 §3.3 (checksum) and §3.4 (one block of 18 rounds). */
static void
md2_block(struct md2_state *st, const uint8_t *m)
{
	uint8_t	 t;
	unsigned j, k;

	t = st->c[15];
	for (j = 0; j < 16; j++) {
		st->c[j] ^= md2_s[m[j] ^ t];
		t = st->c[j];
	}
	for (j = 0; j < 16; j++) {
		st->x[16 + j] = m[j];
		st->x[32 + j] = (uint8_t)(st->x[16 + j] ^ st->x[j]);
	}
	t = 0;
	for (j = 0; j < 18; j++) {
		for (k = 0; k < 48; k++) {
			st->x[k] ^= md2_s[t];
			t = st->x[k];
		}
		t = (uint8_t)(t + j);
	}
}

static void
md2_update(struct md2_state *st, const uint8_t *p, size_t n)
{
	size_t k;

	while (n > 0) {
		k = 16 - st->buflen;
		if (k > n)
			k = n;
		memcpy(st->buf + st->buflen, p, k);
		st->buflen += k;
		p += k;
		n -= k;
		if (st->buflen == 16) {
			md2_block(st, st->buf);
			st->buflen = 0;
		}
	}
}

void
md2_digest(const struct crypto_iov *iov, size_t n, uint8_t out[MD2_DIGEST_LEN])
{
	struct md2_state st;
	uint8_t		 pad[16], c[16];
	size_t		 i, padlen;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < n; i++)
		md2_update(&st, iov[i].base, iov[i].len);
	/* Always 1..16 pad bytes, each equal to the pad length. */
	padlen = 16 - st.buflen;
	memset(pad, (int)padlen, padlen);
	md2_update(&st, pad, padlen);
	memcpy(c, st.c, sizeof(c));
	md2_update(&st, c, sizeof(c));
	memcpy(out, st.x, MD2_DIGEST_LEN);
	ct_wipe(&st, sizeof(st));
	ct_wipe(c, sizeof(c));
}
