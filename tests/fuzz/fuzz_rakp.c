/*
 * Fuzzes the session setup decoders: the input is tried as each of the six
 * payloads.  Reserved bytes are not kept, so the round trip checks fields:
 * what decodes is encoded, decoded again, and must come back the same;
 * encoding again must then give the very same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rakp.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define OUT_MAX 4096

static void
same_bytes(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	if (alen != blen || (alen > 0 && memcmp(a, b, alen) != 0))
		abort();
}

static void
fuzz_open_req(const uint8_t *data, size_t size)
{
	struct rakp_open_req m1, m2;
	uint8_t		     o1[OUT_MAX], o2[OUT_MAX];
	size_t		     l1, l2;

	if (rakp_decode_open_req(data, size, &m1) != 0)
		return;
	if (rakp_encode_open_req(&m1, o1, sizeof(o1), &l1) != 0 || l1 != size ||
	    rakp_decode_open_req(o1, l1, &m2) != 0)
		abort();
	if (m1.tag != m2.tag || m1.role != m2.role ||
	    m1.console_sid != m2.console_sid || m1.auth_alg != m2.auth_alg ||
	    m1.integ_alg != m2.integ_alg || m1.conf_alg != m2.conf_alg)
		abort();
	if (rakp_encode_open_req(&m2, o2, sizeof(o2), &l2) != 0)
		abort();
	same_bytes(o1, l1, o2, l2);
}

static void
fuzz_open_rsp(const uint8_t *data, size_t size)
{
	struct rakp_open_rsp m1, m2;
	uint8_t		     o1[OUT_MAX], o2[OUT_MAX];
	size_t		     l1, l2;

	if (rakp_decode_open_rsp(data, size, &m1) != 0)
		return;
	if (rakp_encode_open_rsp(&m1, o1, sizeof(o1), &l1) != 0 || l1 != size ||
	    rakp_decode_open_rsp(o1, l1, &m2) != 0)
		abort();
	if (m1.tag != m2.tag || m1.status != m2.status ||
	    m1.console_sid != m2.console_sid)
		abort();
	if (m1.status == 0 &&
	    (m1.max_priv != m2.max_priv || m1.bmc_sid != m2.bmc_sid ||
		m1.auth_alg != m2.auth_alg || m1.integ_alg != m2.integ_alg ||
		m1.conf_alg != m2.conf_alg))
		abort();
	if (rakp_encode_open_rsp(&m2, o2, sizeof(o2), &l2) != 0)
		abort();
	same_bytes(o1, l1, o2, l2);
}

static void
fuzz_rakp1(const uint8_t *data, size_t size)
{
	struct rakp1 m1, m2;
	uint8_t	     o1[OUT_MAX], o2[OUT_MAX];
	size_t	     l1, l2;

	if (rakp_decode_rakp1(data, size, &m1) != 0)
		return;
	if (m1.name_len > RAKP_NAME_MAX)
		abort();
	if (rakp_encode_rakp1(&m1, o1, sizeof(o1), &l1) != 0 || l1 != size ||
	    rakp_decode_rakp1(o1, l1, &m2) != 0)
		abort();
	if (m1.tag != m2.tag || m1.bmc_sid != m2.bmc_sid ||
	    memcmp(m1.console_rand, m2.console_rand, RAKP_RAND_LEN) != 0 ||
	    m1.role != m2.role || m1.name_len != m2.name_len ||
	    memcmp(m1.name, m2.name, m1.name_len) != 0)
		abort();
	if (rakp_encode_rakp1(&m2, o2, sizeof(o2), &l2) != 0)
		abort();
	same_bytes(o1, l1, o2, l2);
}

static void
fuzz_rakp2(const uint8_t *data, size_t size)
{
	struct rakp2 m1, m2;
	uint8_t	     o1[OUT_MAX], o2[OUT_MAX];
	size_t	     l1, l2;

	if (rakp_decode_rakp2(data, size, &m1) != 0)
		return;
	if (rakp_encode_rakp2(&m1, o1, sizeof(o1), &l1) != 0 || l1 != size ||
	    rakp_decode_rakp2(o1, l1, &m2) != 0)
		abort();
	if (m1.tag != m2.tag || m1.status != m2.status ||
	    m1.console_sid != m2.console_sid ||
	    memcmp(m1.bmc_rand, m2.bmc_rand, RAKP_RAND_LEN) != 0 ||
	    memcmp(m1.guid, m2.guid, RAKP_GUID_LEN) != 0)
		abort();
	same_bytes(m1.auth, m1.auth_len, m2.auth, m2.auth_len);
	if (rakp_encode_rakp2(&m2, o2, sizeof(o2), &l2) != 0)
		abort();
	same_bytes(o1, l1, o2, l2);
}

static void
fuzz_rakp3(const uint8_t *data, size_t size)
{
	struct rakp3 m1, m2;
	uint8_t	     o1[OUT_MAX], o2[OUT_MAX];
	size_t	     l1, l2;

	if (rakp_decode_rakp3(data, size, &m1) != 0)
		return;
	if (rakp_encode_rakp3(&m1, o1, sizeof(o1), &l1) != 0 || l1 != size ||
	    rakp_decode_rakp3(o1, l1, &m2) != 0)
		abort();
	if (m1.tag != m2.tag || m1.status != m2.status ||
	    m1.bmc_sid != m2.bmc_sid)
		abort();
	same_bytes(m1.auth, m1.auth_len, m2.auth, m2.auth_len);
	if (rakp_encode_rakp3(&m2, o2, sizeof(o2), &l2) != 0)
		abort();
	same_bytes(o1, l1, o2, l2);
}

static void
fuzz_rakp4(const uint8_t *data, size_t size)
{
	struct rakp4 m1, m2;
	uint8_t	     o1[OUT_MAX], o2[OUT_MAX];
	size_t	     l1, l2;

	if (rakp_decode_rakp4(data, size, &m1) != 0)
		return;
	if (rakp_encode_rakp4(&m1, o1, sizeof(o1), &l1) != 0 || l1 != size ||
	    rakp_decode_rakp4(o1, l1, &m2) != 0)
		abort();
	if (m1.tag != m2.tag || m1.status != m2.status ||
	    m1.console_sid != m2.console_sid)
		abort();
	same_bytes(m1.icv, m1.icv_len, m2.icv, m2.icv_len);
	if (rakp_encode_rakp4(&m2, o2, sizeof(o2), &l2) != 0)
		abort();
	same_bytes(o1, l1, o2, l2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The rest-of-message fields make huge inputs pointless. */
	if (size > OUT_MAX)
		return 0;
	fuzz_open_req(data, size);
	fuzz_open_rsp(data, size);
	fuzz_rakp1(data, size);
	fuzz_rakp2(data, size);
	fuzz_rakp3(data, size);
	fuzz_rakp4(data, size);
	return 0;
}
