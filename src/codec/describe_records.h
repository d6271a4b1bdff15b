/*
 * Internal to the describer of stored records (describe_records.c with
 * the SEL, describe_sdr.c, describe_fru.c): the line printer, the walker
 * of fixed-field tables and the meanings they share.  The public entry
 * points are in describe.h.
 */
#ifndef BMCSIM_DESCRIBE_RECORDS_H
#define BMCSIM_DESCRIBE_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct rd;

#define RD_BYTES_PER_LINE 8
#define RD_RAW_WIDTH	  (RD_BYTES_PER_LINE * 3 - 1)
#define RD_MEANING_MAX	  160

struct rdesc {
	FILE	      *fp;
	const char    *indent;
	const uint8_t *base; /* offsets count from here */
	int	       err;  /* the first problem the walk found */
};

/* A fixed field: its size, its name and what prints its meaning. */
struct rdesc_field {
	uint8_t	    len;
	const char *name;
	void (*say)(char *, size_t, struct rd *);
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Records the first problem of the walk. */
void rdesc_fail(struct rdesc *, int);
void rdesc_heading(struct rdesc *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* One field's line: the bytes [p, p + n), its name and its meaning. */
void rdesc_line(struct rdesc *, const uint8_t *p, size_t n, const char *name,
    const char *, ...) __attribute__((format(printf, 5, 6)));
/* Takes n bytes for a field into *p, or says what is missing. */
int rdesc_take(
    struct rdesc *, struct rd *, size_t n, const char *name, const uint8_t **p);
/* The fixed fields of a table in order; ERR_TRUNCATED at the first missing. */
int
rdesc_fields(struct rdesc *, struct rd *, const struct rdesc_field *, size_t);
/* Whatever is left in the cursor, shown raw and flagged ERR_TRAILING. */
void rdesc_trailing(struct rdesc *, struct rd *, const char *name);
void rdesc_sayf(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* The next byte or 16-bit LS-first word of a field, 0 past its end. */
uint8_t	 rdesc_get8(struct rd *);
uint16_t rdesc_get16(struct rd *);

/* Names, never NULL. */
const char *rdesc_name_of(const char *const *, size_t, unsigned);
const char *rdesc_event_type(uint8_t);
const char *rdesc_id_type(uint8_t);
/* A string of a type/length type (0-3) as readable text. */
void rdesc_text(char *, size_t, uint8_t type, const uint8_t *, size_t);

/* Meanings of fields that several record types have. */
void rdesc_say_hex(char *, size_t, struct rd *);
void rdesc_say_record_id(char *, size_t, struct rd *);
void rdesc_say_length(char *, size_t, struct rd *);
void rdesc_say_number(char *, size_t, struct rd *);
void rdesc_say_sensor_type(char *, size_t, struct rd *);
void rdesc_say_zero(char *, size_t, struct rd *);

#endif
