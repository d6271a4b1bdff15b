/*
 * Sensor Data Records (IPMI 2.0 section 43) and the linear conversion
 * between readings and raw bytes (section 36.3).  Pure functions: the
 * sensors area (sensors.c) keeps the state and calls these to build the
 * records it serves.
 */
#ifndef BMCSIM_SDR_H
#define BMCSIM_SDR_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define SDR_VERSION	    0x51
#define SDR_TYPE_FULL	    0x01
#define SDR_TYPE_COMPACT    0x02
#define SDR_TYPE_FRU_LOC    0x11
#define SDR_TYPE_MC_LOC	    0x12
#define SDR_HEADER_LEN	    5
#define SDR_ID_MAX	    16
#define SDR_RECORD_MAX	    (48 + SDR_ID_MAX)
#define SDR_OWNER_BMC	    0x20
#define SDR_EVENT_THRESHOLD 0x01 /* event/reading type: threshold */

/* y = (M x + B 10^b_exp) 10^r_exp, x the raw byte. */
struct sdr_linear {
	int16_t	 m;	/* -512..511 */
	int16_t	 b;	/* -512..511 */
	int8_t	 b_exp; /* -8..7 */
	int8_t	 r_exp; /* -8..7 */
	uint8_t	 sign;	/* 1: x is two's complement */
	uint16_t accuracy;
	uint8_t	 tolerance;
};

/* The sensor's linearisation: the model's, or one covering its range. */
void sdr_linear_of(const struct model_sensor *, struct sdr_linear *);
/* The raw byte nearest a reading, clamped to what the byte holds. */
uint8_t sdr_to_raw(const struct sdr_linear *, double value);
double	sdr_from_raw(const struct sdr_linear *, uint8_t raw);

/* One sensor as its record shows it (thresholds as they are now). */
struct sdr_sensor {
	const struct model_sensor *m;
	struct sdr_linear	   lin;
	char			   name[SDR_ID_MAX + 1];
	uint8_t			   lun;
	uint8_t			   number;
	uint8_t			   entity_instance;
	uint8_t			   thresholds[MODEL_THRESHOLDS]; /* raw */
	uint8_t			   readable; /* bit n: threshold n */
	uint8_t			   settable;
	uint8_t			   hyst_pos, hyst_neg; /* raw */
	uint16_t		   assert_mask, deassert_mask;
	uint16_t		   reading_mask; /* discrete states */
};

/*
 * The threshold bit order of the commands and records: LNC, LCR, LNR,
 * UNC, UCR, UNR, i.e. enum model_threshold.  Event offsets: 2i for the
 * going-low and 2i + 1 for the going-high event of LNC, LCR, LNR, UNC,
 * UCR, UNR in the order of table 42-2 (LNC low 0, LNC high 1, LCR low 2
 * ...).
 */

/*
 * Record bytes into out (at least SDR_RECORD_MAX), written by the codec
 * (src/codec/sdr_record.h): the length, or 0 if it refused the record.
 */
size_t sdr_full(const struct sdr_sensor *, uint16_t id, uint8_t *out);
size_t sdr_compact(const struct sdr_sensor *, uint16_t id, uint8_t *out);
size_t
sdr_fru_locator(uint8_t fru_id, const char *name, uint16_t id, uint8_t *out);
size_t sdr_mc_locator(
    uint8_t capabilities, const char *name, uint16_t id, uint8_t *out);

/*
 * The ID string of replica (0-based) of a sensor section, into out
 * (SDR_ID_MAX + 1 bytes): "{n}" in the name becomes replica + 1, or a
 * section of several sensors gets " N" appended; cut to SDR_ID_MAX.
 */
void sdr_sensor_name(const struct model_sensor *, unsigned replica, char *out);
/*
 * The assertion, deassertion and reading masks of a record: the model's
 * where it gives them, else for a threshold sensor the going-low and
 * going-high events of each readable threshold (readable: bit n for
 * threshold n), for a discrete one every state it shows.
 */
void sdr_sensor_masks(const struct model_sensor *, uint8_t readable,
    uint16_t *assert_mask, uint16_t *deassert_mask, uint16_t *reading_mask);

#endif
