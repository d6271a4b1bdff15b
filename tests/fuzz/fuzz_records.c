/*
 * Fuzzes the stored-record codecs (SDR, SEL, FRU) and their describers.
 * For any bytes: the decoders either refuse or give a record that
 * re-encodes to bytes that decode to the same record; a SEL record
 * re-encodes to exactly its input; and each describer says "decodes"
 * exactly when the decoder does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "err.h"
#include "fru_record.h"
#include "sdr_record.h"
#include "sel_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE *sink;

#define MAX_OUT 8192

/* Encode, decode, encode again: the two encodings must be equal. */
#define SDR_STABLE(type, dec, enc) \
	do { \
		struct type a, b; \
		size_t	    la, lb; \
		if (dec(data, size, &a) == 0 && \
		    enc(&a, out1, MAX_OUT, &la) == 0) { \
			if (dec(out1, la, &b) != 0 || \
			    enc(&b, out2, MAX_OUT, &lb) != 0 || la != lb || \
			    memcmp(out1, out2, la) != 0) \
				abort(); \
		} \
	} while (0)

static uint8_t out1[MAX_OUT], out2[MAX_OUT];

static void
check_sdr(const uint8_t *data, size_t size)
{
	struct sdr_record_full	  f;
	struct sdr_record_compact c;
	struct sdr_record_fru_loc l;
	struct sdr_record_mc_loc  m;
	int			  ok, rc;

	SDR_STABLE(
	    sdr_record_full, sdr_record_decode_full, sdr_record_encode_full);
	SDR_STABLE(sdr_record_compact, sdr_record_decode_compact,
	    sdr_record_encode_compact);
	SDR_STABLE(sdr_record_fru_loc, sdr_record_decode_fru_loc,
	    sdr_record_encode_fru_loc);
	SDR_STABLE(sdr_record_mc_loc, sdr_record_decode_mc_loc,
	    sdr_record_encode_mc_loc);
	ok = sdr_record_decode_full(data, size, &f) == 0 ||
	    sdr_record_decode_compact(data, size, &c) == 0 ||
	    sdr_record_decode_fru_loc(data, size, &l) == 0 ||
	    sdr_record_decode_mc_loc(data, size, &m) == 0;
	rc = describe_sdr_record(sink, "  ", data, size);
	if (rc > 0 || rc < ERR_LAST || (rc == 0) != ok)
		abort();
}

static void
check_sel(const uint8_t *data, size_t size)
{
	struct sel_record r;
	size_t		  len;
	int		  drc, rc;

	drc = sel_record_decode(data, size, &r);
	if (drc == 0 &&
	    (sel_record_encode(&r, out1, MAX_OUT, &len) != 0 || len != size ||
		memcmp(out1, data, size) != 0))
		abort();
	rc = describe_sel_record(sink, "", data, size);
	if (rc > 0 || rc < ERR_LAST || (rc == 0) != (drc == 0))
		abort();
}

static void
check_fru(const uint8_t *data, size_t size)
{
	struct fru_record_image a, b;
	size_t			la, lb;
	int			drc, rc;

	drc = fru_record_decode_image(data, size, &a);
	if (drc == 0 && fru_record_encode_image(&a, out1, MAX_OUT, &la) == 0) {
		if (fru_record_decode_image(out1, la, &b) != 0 ||
		    fru_record_encode_image(&b, out2, MAX_OUT, &lb) != 0 ||
		    la != lb || memcmp(out1, out2, la) != 0)
			abort();
	}
	rc = describe_fru_image(sink, "", data, size);
	if (rc > 0 || rc < ERR_LAST || (rc == 0) != (drc == 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	check_sdr(data, size);
	check_sel(data, size);
	check_fru(data, size);
	return 0;
}
