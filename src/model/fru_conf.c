/*
 * [fru N] of bmcsim.ini(5): a FRU device (0..7) whose areas are generated
 * from these fields (Platform Management FRU Information Storage
 * Definition 1.0), or an image read from a file.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "model.h"

struct fru_conf_state {
	unsigned id; /* N of the [fru N] being read */
};

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static int64_t
fru_conf_days(int64_t y, unsigned m, unsigned d)
{
	int64_t	 era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/*
 * "2024-03-15 08:30" or "2024-03-15" (UTC): the FRU board area's minutes
 * since 1996-01-01 00:00.
 */
static int
fru_conf_date(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	unsigned	      y, mo, d, h = 0, mi = 0;
	int		      used = 0;
	int64_t		      minutes;
	uint32_t	      out;
	static const unsigned mdays[] = {
	    31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (sscanf(v, "%4u-%2u-%2u%n", &y, &mo, &d, &used) != 3)
		goto bad;
	if (v[used] != '\0' &&
	    (sscanf(v + used, " %2u:%2u%n", &h, &mi, &used) != 2 ||
		v[strlen(v) - 1] == ' '))
		goto bad;
	if (y < 1996 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
	    h > 23 || mi > 59)
		goto bad;
	minutes = (fru_conf_days(y, mo, d) - fru_conf_days(1996, 1, 1)) * 1440 +
	    h * 60 + mi;
	if (minutes > 0xffffff)
		goto bad;
	out = minutes == 0 ? 1 : (uint32_t)minutes; /* 0 means none */
	memcpy((uint8_t *)target + k->off, &out, 4);
	return 0;
bad:
	ini_bad_value(f, k, v,
	    "expected YYYY-MM-DD or YYYY-MM-DD HH:MM, UTC, 1996 to 2027");
	return -1;
}

/* A FRU image from a binary file, relative to the file naming it. */
static int
fru_conf_file(
    struct ini_file *f, const struct ini_key *k, const char *v, void *target)
{
	struct model_fru *fru = target;
	char		 *path;
	FILE		 *fp;
	size_t		  n;
	int		  c, rc = -1;

	if (*v == '\0') {
		ini_bad_value(f, k, v, "expected a file name");
		return -1;
	}
	if (ini_path_resolve(f, k, v, &path) != 0)
		return -1;
	if ((fp = fopen(path, "rb")) == NULL) {
		ini_bad_value(
		    f, k, v, "cannot open %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	n = fread(fru->image, 1, sizeof(fru->image), fp);
	c = fgetc(fp);
	if (ferror(fp))
		ini_bad_value(f, k, v, "cannot read %s", path);
	else if (c != EOF)
		ini_bad_value(f, k, v, "%s is larger than %d bytes", path,
		    MODEL_FRU_IMAGE_MAX);
	else if (n < 8)
		ini_bad_value(f, k, v,
		    "%s has %zu bytes; a FRU image has at least its 8-byte "
		    "common header",
		    path, n);
	else {
		fru->image_len = (uint16_t)n;
		rc = 0;
	}
	fclose(fp);
	free(path);
	return rc;
}

#define FS(key, field) \
	{ \
		.name = key, .parse = ini_type_string, \
		.off = offsetof(struct model_fru, field), \
		.size = MODEL_FRU_STRING_LEN \
	}

static const struct ini_key fru_conf_keys[] = {
    {.name = "name",
	.parse = ini_type_string,
	.off = offsetof(struct model_fru, name),
	.size = MODEL_SENSOR_NAME_LEN},
    {.name = "size",
	.parse = ini_type_uint,
	.off = offsetof(struct model_fru, size),
	.size = 2,
	.min = 8,
	.max = 65535},
    {.name = "file", .parse = fru_conf_file},
    {.name = "chassis_type",
	.parse = ini_type_uint,
	.off = offsetof(struct model_fru, chassis_type),
	.size = 1,
	.min = 1,
	.max = 0x24},
    FS("chassis_part", chassis_part),
    FS("chassis_serial", chassis_serial),
    FS("chassis_custom1", chassis_custom[0]),
    FS("chassis_custom2", chassis_custom[1]),
    {.name = "board_mfg_date",
	.parse = fru_conf_date,
	.off = offsetof(struct model_fru, board_mfg_minutes)},
    FS("board_manufacturer", board_manufacturer),
    FS("board_product", board_product),
    FS("board_serial", board_serial),
    FS("board_part", board_part),
    FS("board_fru_id", board_fru_id),
    FS("board_custom1", board_custom[0]),
    FS("board_custom2", board_custom[1]),
    FS("product_manufacturer", product_manufacturer),
    FS("product_name", product_name),
    FS("product_part", product_part),
    FS("product_version", product_version),
    FS("product_serial", product_serial),
    FS("product_asset_tag", product_asset_tag),
    FS("product_fru_id", product_fru_id),
    FS("product_custom1", product_custom[0]),
    FS("product_custom2", product_custom[1]),
    {.name = "psu_capacity_w",
	.parse = ini_type_uint,
	.off = offsetof(struct model_fru, psu_capacity_w),
	.size = 2,
	.min = 0,
	.max = 4095},
    {.name = "psu_peak_va",
	.parse = ini_type_uint,
	.off = offsetof(struct model_fru, psu_peak_va),
	.size = 2,
	.min = 0,
	.max = 65534},
    {.name = NULL},
};

static void *
fru_conf_begin(struct ini_file *f, void *root, unsigned n, const char *a)
{
	struct fru_conf_state *st = ini_state(f, &fru_conf_section);
	struct model_fru      *fru = &((struct model *)root)->fru[n];

	(void)a;
	st->id = n;
	memset(fru, 0, sizeof(*fru));
	fru->defined = 1;
	fru->chassis_type = 0x17; /* rack mount chassis */
	return fru;
}

static void
fru_conf_end(struct ini_file *f, void *root, void *target)
{
	struct fru_conf_state *st = ini_state(f, &fru_conf_section);
	struct model_fru      *fru = target;

	(void)root;
	if (fru->name[0] == '\0')
		snprintf(fru->name, sizeof(fru->name),
		    st->id == 0 ? "Builtin FRU" : "FRU %u", st->id);
	if (fru->image_len > 0 && fru->size != 0 && fru->size < fru->image_len)
		ini_error_at(f, ini_section_line(f),
		    "[fru %u]: size = %u is smaller than the image (%u bytes)",
		    st->id, fru->size, fru->image_len);
}

const struct ini_section fru_conf_section = {
    .name = "fru",
    .arg = INI_ARG_NUMBER,
    .arg_min = 0,
    .arg_max = MODEL_FRU_MAX - 1,
    .keys = fru_conf_keys,
    .state_size = sizeof(struct fru_conf_state),
    .begin_cb = fru_conf_begin,
    .end_cb = fru_conf_end,
};
