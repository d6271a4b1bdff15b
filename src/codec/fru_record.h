/*
 * FRU information in the Platform Management FRU Information Storage
 * Definition v1.0 format (referred to below as "FRU spec"): the common
 * header (§8), the chassis, board and product info areas (§10-12) with
 * their type/length-coded fields (§13), and multi-record area records
 * (§16).  Every structure carries a zero checksum: the bytes it covers
 * and the checksum sum to 0 modulo 256.
 *
 * Decoded fields point into the bytes given to the decoder (they are not
 * copied); the encoders read the fields from the same kind of pointers.
 *
 * Encoders compute the length first, check it against cap once, then
 * write the structure with its checksums and padding: 0 and *len,
 * ERR_NOSPACE (nothing written), or ERR_INVALID_ARG (a field over 63
 * bytes, more fields than FRU_RECORD_FIELDS_MAX, an area over 255 x 8
 * bytes or at an offset over 255 x 8, an unknown area kind).
 */
#ifndef BMCSIM_FRU_RECORD_H
#define BMCSIM_FRU_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define FRU_RECORD_VERSION	  0x01 /* common header and info areas */
#define FRU_RECORD_MULTI_VERSION  0x02 /* multi-record headers */
#define FRU_RECORD_HEADER_LEN	  8
#define FRU_RECORD_MULTI_HDR_LEN  5
#define FRU_RECORD_MULTI_END	  0x80 /* end of list, header byte 2 */
#define FRU_RECORD_END_OF_FIELDS  0xc1 /* FRU spec §13 */
#define FRU_RECORD_FIELD_LEN_MAX  63   /* the type/length byte's 6 bits */
#define FRU_RECORD_FIELDS_MAX	  16
#define FRU_RECORD_MULTI_MAX	  8
#define FRU_RECORD_MFG_EPOCH_UNIX 820454400 /* 1996-01-01 00:00 UTC */

/* Type/length byte, bits 7:6 (FRU spec §13). */
#define FRU_RECORD_BINARY   0x00
#define FRU_RECORD_BCD_PLUS 0x01
#define FRU_RECORD_ASCII6   0x02
#define FRU_RECORD_LATIN1   0x03 /* 8-bit ASCII + Latin 1 (English) */

/* The info areas, in the order of their offsets in the common header. */
enum fru_record_kind {
	FRU_RECORD_CHASSIS,
	FRU_RECORD_BOARD,
	FRU_RECORD_PRODUCT,
	FRU_RECORD_AREAS
};

/* Common header, FRU spec §8: offsets in multiples of 8 bytes; 0: none. */
struct fru_record_header {
	uint8_t version;
	uint8_t internal_use;
	uint8_t area[FRU_RECORD_AREAS]; /* chassis, board, product */
	uint8_t multi;
};

struct fru_record_field {
	uint8_t	       type; /* FRU_RECORD_BINARY ... FRU_RECORD_LATIN1 */
	uint8_t	       len;
	const uint8_t *data;
};

/*
 * An info area (FRU spec §10-12).  The fields come in the order of the
 * area's table (chassis: part number, serial number; board: manufacturer,
 * product name, serial number, part number, FRU file ID; product:
 * manufacturer, name, part/model number, version, serial number, asset
 * tag, FRU file ID), then custom fields.  The encoder writes nfields
 * fields and the end marker; on a decoded area, length is the area's
 * length in multiples of 8 bytes.
 *
 * An 8-bit field of exactly one byte has the type/length byte C1h, the
 * end marker (FRU spec §13 forbids it); the encoder writes what it is
 * given (the model pads such a field to two bytes), and a decoder stops
 * there.
 */
struct fru_record_area {
	uint8_t			kind; /* enum fru_record_kind */
	uint8_t			present;
	uint8_t			version;
	uint8_t			length;
	uint8_t			chassis_type; /* chassis: SMBIOS type */
	uint8_t			language;     /* board and product */
	uint32_t		mfg_minutes;  /* board: since 1996; 0: none */
	size_t			nfields;
	struct fru_record_field field[FRU_RECORD_FIELDS_MAX];
};

/* A multi-record area record (FRU spec §16.1). */
struct fru_record_multi {
	uint8_t	       type;
	uint8_t	       version; /* format version, 02h */
	uint8_t	       end;	/* last record of the list */
	uint8_t	       len;
	const uint8_t *data;
};

/*
 * A whole FRU image.  The encoder lays out the areas that are present in
 * the order chassis, board, product, then the multi-records (the last one
 * marked end of list, the area padded to 8 bytes), and fills in the
 * header (no internal use area).  The decoder fills in hdr, the areas the
 * header points to, the multi-records, and used: the bytes up to the end
 * of the last structure (the rest of a FRU device is free space).
 */
struct fru_record_image {
	struct fru_record_header hdr;
	struct fru_record_area	 area[FRU_RECORD_AREAS];
	size_t			 nmulti;
	struct fru_record_multi	 multi[FRU_RECORD_MULTI_MAX];
	size_t			 used;
};

/* The zero checksum of n bytes: what makes them sum to 0. */
uint8_t fru_record_checksum(const uint8_t *, size_t);

int fru_record_encode_header(
    const struct fru_record_header *, uint8_t *out, size_t cap, size_t *len);
int fru_record_encode_area(
    const struct fru_record_area *, uint8_t *out, size_t cap, size_t *len);
/* One record; r->end decides the end-of-list bit. */
int fru_record_encode_multi(
    const struct fru_record_multi *, uint8_t *out, size_t cap, size_t *len);
int fru_record_encode_image(
    const struct fru_record_image *, uint8_t *out, size_t cap, size_t *len);

/*
 * The common header: exactly 8 bytes.  0, ERR_TRUNCATED, ERR_TRAILING,
 * ERR_CHECKSUM, or ERR_FORMAT (format version not 1).
 */
int
fru_record_decode_header(const uint8_t *, size_t, struct fru_record_header *);

/*
 * An info area of the given kind, exactly as long as its length byte
 * says.  0, ERR_TRUNCATED, ERR_TRAILING, ERR_CHECKSUM, ERR_FORMAT
 * (version not 1, length 0, no end marker, a field past the end) or
 * ERR_UNSUPPORTED (more than FRU_RECORD_FIELDS_MAX fields).
 */
int fru_record_decode_area(
    const uint8_t *, size_t, uint8_t kind, struct fru_record_area *);

/*
 * One multi-record from the cursor (header and data), which moves past it
 * only on success.  0, ERR_TRUNCATED, ERR_CHECKSUM (either checksum), or
 * ERR_FORMAT (format version not 2).
 */
struct rd;
int fru_record_decode_multi(struct rd *, struct fru_record_multi *);

/*
 * A whole image: the header, then each area and the multi-record list
 * where the header points.  Bytes after them are not looked at.  The
 * errors of the decoders above, ERR_TRUNCATED for an offset past the end,
 * ERR_UNSUPPORTED for more than FRU_RECORD_MULTI_MAX multi-records.
 */
int fru_record_decode_image(const uint8_t *, size_t, struct fru_record_image *);

/* "chassis", "board", "product"; "unknown" otherwise. */
const char *fru_record_kind_name(uint8_t kind);

#endif
