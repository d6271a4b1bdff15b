/*
 * Sensor Data Records (IPMI 2.0 section 43): the record header and the
 * Full Sensor (01h), Compact Sensor (02h), FRU Device Locator (11h) and
 * Management Controller Device Locator (12h) records.
 *
 * The structs hold the fields as the wire packs them, unscaled: the
 * readings and thresholds are raw bytes, M and B are the signed 10-bit
 * values, the exponents the signed 4-bit ones.  Converting them to
 * readings is the model's business (src/model/sdr.c).
 *
 * Encoders compute the length first, check it against cap once and then
 * write the whole record with its header (the length byte included); they
 * return 0 and the length in *len, ERR_NOSPACE (nothing written), or
 * ERR_INVALID_ARG for an ID string over SDR_RECORD_ID_MAX bytes.
 * Decoders take exactly one record (header and body), consume it exactly
 * and return 0, ERR_TRUNCATED, ERR_TRAILING (the header's length byte
 * disagrees with the bytes given, either way round), or ERR_FORMAT (a
 * record of another type, or an ID string longer than the record).
 */
#ifndef BMCSIM_SDR_RECORD_H
#define BMCSIM_SDR_RECORD_H

#include <stddef.h>
#include <stdint.h>

#define SDR_RECORD_VERSION    0x51 /* IPMI 2.0 / 1.5 */
#define SDR_RECORD_HEADER_LEN 5
#define SDR_RECORD_ID_MAX     16 /* §43.1: ID strings of up to 16 bytes */
/* The longest record of these types: a Full record with a 16-byte ID. */
#define SDR_RECORD_LEN_MAX (SDR_RECORD_FULL_FIXED_LEN + SDR_RECORD_ID_MAX)

#define SDR_RECORD_FULL	   0x01
#define SDR_RECORD_COMPACT 0x02
#define SDR_RECORD_FRU_LOC 0x11
#define SDR_RECORD_MC_LOC  0x12

/* Bytes before the ID string bytes (header and type/length included). */
#define SDR_RECORD_FULL_FIXED_LEN    48
#define SDR_RECORD_COMPACT_FIXED_LEN 32
#define SDR_RECORD_LOC_FIXED_LEN     16

/* ID string type/length byte, bits 7:6 (§43.15). */
#define SDR_RECORD_ID_UNICODE  0x00
#define SDR_RECORD_ID_BCD_PLUS 0x01
#define SDR_RECORD_ID_ASCII6   0x02
#define SDR_RECORD_ID_LATIN1   0x03
#define SDR_RECORD_ID_LEN_MASK 0x1f

struct sdr_record_header {
	uint16_t id;
	uint8_t	 version;
	uint8_t	 type;
	uint8_t	 length; /* bytes after the header */
};

/* The ID string: type (bits 7:6 of the type/length byte) and bytes. */
struct sdr_record_idstr {
	uint8_t type;
	uint8_t len;
	uint8_t bytes[SDR_RECORD_ID_LEN_MASK];
};

/* Bytes 5-22, the same in the Full and Compact records (table 43-1). */
struct sdr_record_sensor {
	uint8_t	 owner_id;
	uint8_t	 owner_lun; /* channel 7:4, LUN 1:0 */
	uint8_t	 number;
	uint8_t	 entity_id;
	uint8_t	 entity_instance; /* bit 7: logical */
	uint8_t	 init;
	uint8_t	 caps;
	uint8_t	 sensor_type;
	uint8_t	 event_type;
	uint16_t assert_mask;	/* or the lower threshold reading mask */
	uint16_t deassert_mask; /* or the upper threshold reading mask */
	uint16_t reading_mask;	/* or settable (15:8) / readable (7:0) */
	uint8_t	 units1;
	uint8_t	 units2; /* base unit */
	uint8_t	 units3; /* modifier unit */
};

/* Thresholds in wire order (bytes 37-42 of table 43-1). */
enum {
	SDR_RECORD_UNR,
	SDR_RECORD_UCR,
	SDR_RECORD_UNC,
	SDR_RECORD_LNR,
	SDR_RECORD_LCR,
	SDR_RECORD_LNC,
	SDR_RECORD_THRESHOLDS
};

/* Full Sensor Record, table 43-1. */
struct sdr_record_full {
	struct sdr_record_header hdr;
	struct sdr_record_sensor s;
	uint8_t			 linearization;
	int16_t			 m;	       /* -512..511 */
	uint8_t			 tolerance;    /* 6 bits */
	int16_t			 b;	       /* -512..511 */
	uint16_t		 accuracy;     /* 10 bits */
	uint8_t			 accuracy_exp; /* 2 bits */
	uint8_t			 direction;    /* 2 bits */
	int8_t			 r_exp;	       /* -8..7 */
	int8_t			 b_exp;	       /* -8..7 */
	uint8_t			 analog_flags;
	uint8_t			 nominal;
	uint8_t			 normal_max;
	uint8_t			 normal_min;
	uint8_t			 sensor_max;
	uint8_t			 sensor_min;
	uint8_t			 threshold[SDR_RECORD_THRESHOLDS];
	uint8_t			 hyst_pos;
	uint8_t			 hyst_neg;
	uint8_t			 oem;
	struct sdr_record_idstr	 idstr;
};

/* Compact Sensor Record, table 43-2. */
struct sdr_record_compact {
	struct sdr_record_header hdr;
	struct sdr_record_sensor s;
	uint8_t			 sharing[2]; /* record sharing, bytes 24-25 */
	uint8_t			 hyst_pos;
	uint8_t			 hyst_neg;
	uint8_t			 oem;
	struct sdr_record_idstr	 idstr;
};

/* FRU Device Locator Record, table 43-7. */
struct sdr_record_fru_loc {
	struct sdr_record_header hdr;
	uint8_t			 access_addr;
	uint8_t			 fru_id;     /* or the slave address */
	uint8_t			 access_lun; /* bit 7 logical, LUN 4:3 */
	uint8_t			 channel;    /* bits 7:4 */
	uint8_t			 device_type;
	uint8_t			 device_type_modifier;
	uint8_t			 entity_id;
	uint8_t			 entity_instance;
	uint8_t			 oem;
	struct sdr_record_idstr	 idstr;
};

/* Management Controller Device Locator Record, table 43-8. */
struct sdr_record_mc_loc {
	struct sdr_record_header hdr;
	uint8_t			 slave_addr;
	uint8_t			 channel;     /* bits 3:0 */
	uint8_t			 power_state; /* notification, global init */
	uint8_t			 capabilities;
	uint8_t			 entity_id;
	uint8_t			 entity_instance;
	uint8_t			 oem;
	struct sdr_record_idstr	 idstr;
};

/*
 * The header alone, from the cursor (5 bytes; the body is not read).
 * 0 or ERR_TRUNCATED.
 */
struct rd;
int sdr_record_decode_header(struct rd *, struct sdr_record_header *);

/*
 * Encoders: hdr.id and the fields are taken from the struct; hdr.version,
 * hdr.type and hdr.length are written by the encoder (51h, the record's
 * type, the body's length).
 */
int sdr_record_encode_full(
    const struct sdr_record_full *, uint8_t *out, size_t cap, size_t *len);
int sdr_record_encode_compact(
    const struct sdr_record_compact *, uint8_t *out, size_t cap, size_t *len);
int sdr_record_encode_fru_loc(
    const struct sdr_record_fru_loc *, uint8_t *out, size_t cap, size_t *len);
int sdr_record_encode_mc_loc(
    const struct sdr_record_mc_loc *, uint8_t *out, size_t cap, size_t *len);

int sdr_record_decode_full(const uint8_t *, size_t, struct sdr_record_full *);
int
sdr_record_decode_compact(const uint8_t *, size_t, struct sdr_record_compact *);
int
sdr_record_decode_fru_loc(const uint8_t *, size_t, struct sdr_record_fru_loc *);
int
sdr_record_decode_mc_loc(const uint8_t *, size_t, struct sdr_record_mc_loc *);

/* The record type's name ("Full Sensor", ...), or "unknown"; never NULL. */
const char *sdr_record_type_name(uint8_t type);

#endif
