/*
 * FRU inventory devices (IPMI 2.0 section 34, Storage netFn 0Ah commands
 * 10h-12h) with contents in the Platform Management FRU Information
 * Storage Definition 1.0 format, built from the model's [fru N] fields or
 * taken from an image file.
 *
 * A device's bytes are made the first time a client asks for them, so a
 * fleet of idle BMCs holds none.  Writes change the bytes; devices written
 * over IPMI are kept in the saved state, in 32-byte lines, and replace
 * the model's contents at the next start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "err.h"
#include "fru.h"
#include "fru_record.h"
#include "hexdump.h"

#define CMD_FRU_GET_INFO 0x10
#define CMD_FRU_READ	 0x11
#define CMD_FRU_WRITE	 0x12

#define FRU_READ_MAX	 200 /* bytes per Read FRU Data reply */
#define FRU_SAVE_CHUNK	 32  /* bytes per saved-state line */
#define FRU_SIZE_DEFAULT 512

struct fru_device {
	uint8_t *bytes; /* NULL until first used */
	uint16_t size;
	uint8_t	 written; /* changed over IPMI: saved */
};

struct bmc_fru {
	struct fru_device dev[MODEL_FRU_MAX];
};

static struct bmc_fru *
fru_of(const struct bmc *b)
{
	return b->fru;
}

/* ---- the image ---- */

/* s with "{index}" and "{name}" replaced, cut to 63 bytes. */
static size_t
fru_expand(const char *s, unsigned index, const char *name, char *out)
{
	size_t n = 0;
	char   num[16];

	while (*s != '\0' && n < MODEL_FRU_STRING_LEN) {
		const char *sub = NULL;

		if (strncmp(s, "{index}", 7) == 0) {
			snprintf(num, sizeof(num), "%u", index);
			sub = num;
			s += 7;
		} else if (strncmp(s, "{name}", 6) == 0) {
			sub = name;
			s += 6;
		}
		if (sub == NULL) {
			out[n++] = *s++;
			continue;
		}
		while (*sub != '\0' && n < MODEL_FRU_STRING_LEN)
			out[n++] = *sub++;
	}
	out[n] = '\0';
	return n;
}

/* Fields' text: every string an image can have, expanded. */
struct fru_texts {
	char   s[MODEL_FRU_CUSTOM_MAX * 3 + 14][MODEL_FRU_STRING_LEN + 1];
	size_t n;
};

static int
any(const char *a)
{
	return a[0] != '\0';
}

/* Appends s, expanded, to the area as an 8-bit ASCII field. */
static void
fru_field(struct fru_record_area *a, struct fru_texts *t, const char *s,
    unsigned index, const char *name)
{
	struct fru_record_field *f = &a->field[a->nfields++];
	char			*text = t->s[t->n++];

	f->type = FRU_RECORD_LATIN1;
	f->len = (uint8_t)fru_expand(s, index, name, text);
	/*
	 * FRU spec §13: an 8-bit field of one byte would have the type/length
	 * byte C1h, the end-of-fields marker, and end the area for every
	 * reader.  Such a field carries a trailing space instead.
	 */
	if (f->len == 1) {
		text[1] = ' ';
		text[2] = '\0';
		f->len = 2;
	}
	f->data = (const uint8_t *)text;
}

static void
fru_customs(struct fru_record_area *a, struct fru_texts	    *t,
    const char (*custom)[MODEL_FRU_STRING_LEN + 1], unsigned index,
    const char *name)
{
	int i;

	for (i = 0; i < MODEL_FRU_CUSTOM_MAX; i++)
		if (any(custom[i]))
			fru_field(a, t, custom[i], index, name);
}

size_t
fru_image_build(const struct model_fru *f, unsigned index, const char *name,
    uint8_t *out, size_t cap)
{
	struct fru_record_image img;
	struct fru_record_area *a;
	struct fru_texts	t;
	uint8_t			psu[24] = {0};
	size_t			len = 0;

	if (f->image_len > 0) {
		if (f->image_len > cap)
			return 0;
		memcpy(out, f->image, f->image_len);
		return f->image_len;
	}
	memset(&img, 0, sizeof(img));
	t.n = 0;
	a = &img.area[FRU_RECORD_CHASSIS];
	a->kind = FRU_RECORD_CHASSIS;
	if (any(f->chassis_part) || any(f->chassis_serial) ||
	    any(f->chassis_custom[0]) || any(f->chassis_custom[1])) {
		a->present = 1;
		a->chassis_type = f->chassis_type;
		fru_field(a, &t, f->chassis_part, index, name);
		fru_field(a, &t, f->chassis_serial, index, name);
		fru_customs(a, &t, f->chassis_custom, index, name);
	}
	a = &img.area[FRU_RECORD_BOARD];
	a->kind = FRU_RECORD_BOARD;
	if (f->board_mfg_minutes != 0 || any(f->board_manufacturer) ||
	    any(f->board_product) || any(f->board_serial) ||
	    any(f->board_part) || any(f->board_fru_id)) {
		a->present = 1;
		a->language = 0x00; /* English */
		a->mfg_minutes = f->board_mfg_minutes;
		fru_field(a, &t, f->board_manufacturer, index, name);
		fru_field(a, &t, f->board_product, index, name);
		fru_field(a, &t, f->board_serial, index, name);
		fru_field(a, &t, f->board_part, index, name);
		fru_field(a, &t, f->board_fru_id, index, name);
		fru_customs(a, &t, f->board_custom, index, name);
	}
	a = &img.area[FRU_RECORD_PRODUCT];
	a->kind = FRU_RECORD_PRODUCT;
	if (any(f->product_manufacturer) || any(f->product_name) ||
	    any(f->product_part) || any(f->product_version) ||
	    any(f->product_serial) || any(f->product_asset_tag)) {
		a->present = 1;
		a->language = 0x00; /* English */
		fru_field(a, &t, f->product_manufacturer, index, name);
		fru_field(a, &t, f->product_name, index, name);
		fru_field(a, &t, f->product_part, index, name);
		fru_field(a, &t, f->product_version, index, name);
		fru_field(a, &t, f->product_serial, index, name);
		fru_field(a, &t, f->product_asset_tag, index, name);
		fru_field(a, &t, f->product_fru_id, index, name);
		fru_customs(a, &t, f->product_custom, index, name);
	}
	if (f->psu_capacity_w != 0) {
		/* Power Supply Information (FRU spec 18.1), last record. */
		uint16_t  peak = f->psu_peak_va != 0 ? f->psu_peak_va : 0xffff;
		struct wr w;

		wr_init(&w, psu, sizeof(psu));
		wr_u16le(&w, f->psu_capacity_w & 0x0fff);
		wr_u16le(&w, peak);
		wr_u8(&w, 30);	    /* inrush current, A */
		wr_u8(&w, 5);	    /* inrush interval, ms */
		wr_u16le(&w, 9000); /* 90 V to 264 V, 10 mV units */
		wr_u16le(&w, 26400);
		wr_fill(&w, 0, 4); /* no second input range */
		wr_u8(&w, 47);	   /* 47 to 63 Hz */
		wr_u8(&w, 63);
		wr_u8(&w, 20);	 /* AC dropout tolerance, ms */
		wr_u8(&w, 0x1c); /* hot swap, autoswitch, PFC */
		/* Peak wattage with a 1 s hold-up time. */
		wr_u16le(&w, (uint16_t)(0x1000 | (f->psu_capacity_w & 0x0fff)));
		img.multi[0].type = 0x00; /* power supply information */
		img.multi[0].version = FRU_RECORD_MULTI_VERSION;
		img.multi[0].len = sizeof(psu);
		img.multi[0].data = psu;
		img.nmulti = 1;
	}
	if (fru_record_encode_image(&img, out, cap, &len) != 0)
		return 0;
	return len;
}

/* The device's bytes, made on first use; NULL if out of memory. */
static struct fru_device *
fru_device(const struct bmc *b, uint8_t id)
{
	struct fru_device      *d;
	const struct model_fru *f;
	uint8_t			tmp[MODEL_FRU_IMAGE_MAX];
	size_t			n;

	if (id >= MODEL_FRU_MAX || !b->model->fru[id].defined)
		return NULL;
	d = &fru_of(b)->dev[id];
	if (d->bytes != NULL)
		return d;
	f = &b->model->fru[id];
	n = fru_image_build(f, b->cfg->index, b->name, tmp, sizeof(tmp));
	d->size = f->size != 0 ? f->size : FRU_SIZE_DEFAULT;
	if (d->size < n)
		d->size = (uint16_t)((n + 7) / 8 * 8);
	if ((d->bytes = calloc(1, d->size)) == NULL)
		return NULL;
	memcpy(d->bytes, tmp, n);
	return d;
}

int
bmc_fru_bytes(const struct bmc *b, uint8_t id, uint8_t **bytes, uint16_t *size)
{
	struct fru_device *d;

	if (id >= MODEL_FRU_MAX || !b->model->fru[id].defined)
		return ERR_NOT_FOUND;
	if ((d = fru_device(b, id)) == NULL)
		return ERR_NOMEM;
	*bytes = d->bytes;
	*size = d->size;
	return 0;
}

void
bmc_fru_changed(struct bmc *b, uint8_t id)
{
	struct fru_device *d = &fru_of(b)->dev[id];

	if (!d->written)
		bmc_log(b, "FRU %u written through the control plane", id);
	d->written = 1; /* saved, as a Write FRU Data is */
	b->state_generation++;
}

/* ---- handlers ---- */

static uint8_t
fru_get_info(struct bmc *b, struct bmc_cmd *ctx)
{
	struct fru_device *d;
	uint8_t		   id;

	rd_u8(&ctx->in, &id);
	if (id >= MODEL_FRU_MAX || !b->model->fru[id].defined)
		return IPMI_CC_NOT_PRESENT;
	if ((d = fru_device(b, id)) == NULL)
		return IPMI_CC_OUT_OF_SPACE;
	wr_u16le(&ctx->out, d->size);
	wr_u8(&ctx->out, 0x00); /* accessed by bytes */
	return IPMI_CC_OK;
}

static uint8_t
fru_read(struct bmc *b, struct bmc_cmd *ctx)
{
	struct fru_device *d;
	uint8_t		   id, count;
	uint16_t	   offset;

	rd_u8(&ctx->in, &id);
	rd_u16le(&ctx->in, &offset);
	rd_u8(&ctx->in, &count);
	if (id >= MODEL_FRU_MAX || !b->model->fru[id].defined)
		return IPMI_CC_NOT_PRESENT;
	if ((d = fru_device(b, id)) == NULL)
		return IPMI_CC_OUT_OF_SPACE;
	if (offset >= d->size)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	if (count > FRU_READ_MAX)
		return IPMI_CC_CANT_RETURN_BYTES;
	if (offset + count > d->size)
		count = (uint8_t)(d->size - offset);
	wr_u8(&ctx->out, count);
	wr_bytes(&ctx->out, d->bytes + offset, count);
	return IPMI_CC_OK;
}

static uint8_t
fru_write(struct bmc *b, struct bmc_cmd *ctx)
{
	struct fru_device *d;
	uint8_t		   id;
	uint16_t	   offset;
	size_t		   n;

	rd_u8(&ctx->in, &id);
	rd_u16le(&ctx->in, &offset);
	n = rd_left(&ctx->in);
	if (id >= MODEL_FRU_MAX || !b->model->fru[id].defined)
		return IPMI_CC_NOT_PRESENT;
	if ((d = fru_device(b, id)) == NULL)
		return IPMI_CC_OUT_OF_SPACE;
	if (offset >= d->size || n > (size_t)(d->size - offset))
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	if (memcmp(d->bytes + offset, rd_pos(&ctx->in), n) != 0) {
		rd_bytes(&ctx->in, d->bytes + offset, n);
		if (!d->written)
			bmc_log(b, "FRU %u written over IPMI", id);
		d->written = 1;
		b->state_generation++;
	}
	wr_u8(&ctx->out, (uint8_t)n);
	return IPMI_CC_OK;
}

#define STORAGE IPMI_NETFN_STORAGE

/* Privileges of IPMI 2.0 appendix G. */
static const struct cmd_entry fru_cmds[] = {
    {STORAGE, CMD_FRU_GET_INFO, IPMI_PRIV_USER, 1, 1, 0, fru_get_info,
	"Get FRU Inventory Area Info"},
    {STORAGE, CMD_FRU_READ, IPMI_PRIV_USER, 4, 4, 0, fru_read, "Read FRU Data"},
    {STORAGE, CMD_FRU_WRITE, IPMI_PRIV_OPERATOR, 4, 255, 0, fru_write,
	"Write FRU Data"},
};

/* ---- life cycle and saved state ---- */

static int
fru_init(struct bmc *b, uint64_t now_ms)
{
	(void)now_ms;
	if ((b->fru = calloc(1, sizeof(*b->fru))) == NULL)
		return ERR_NOMEM;
	return 0;
}

static void
fru_free(struct bmc *b)
{
	unsigned i;

	if (b->fru == NULL)
		return;
	for (i = 0; i < MODEL_FRU_MAX; i++)
		free(b->fru->dev[i].bytes);
	free(b->fru);
	b->fru = NULL;
}

static void
fru_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_fru *fr = fru_of(b);
	unsigned	      i, off;
	char		      key[24];
	int		      header = 0;

	for (i = 0; i < MODEL_FRU_MAX; i++) {
		const struct fru_device *d = &fr->dev[i];

		if (!d->written || d->bytes == NULL)
			continue;
		if (!header) {
			bmc_state_printf(o, "\n[fru]\n");
			header = 1;
		}
		/* DEVICE.OFFSET = 32 bytes, so lines stay short. */
		for (off = 0; off < d->size; off += FRU_SAVE_CHUNK) {
			unsigned n = d->size - off < FRU_SAVE_CHUNK
			    ? d->size - off
			    : FRU_SAVE_CHUNK;

			snprintf(key, sizeof(key), "%u.%u", i, off);
			bmc_state_hex(o, key, d->bytes + off, n);
		}
	}
}

static int
fru_load(struct bmc *b, const char *section, const char *key, const char *value,
    struct bmc_state_in *in)
{
	struct fru_device *d;
	unsigned	   id, off;
	int		   used = 0;
	uint8_t		   chunk[FRU_SAVE_CHUNK];
	size_t		   n;

	if (strcmp(section, "fru") != 0)
		return 0;
	if (sscanf(key, "%u.%u%n", &id, &off, &used) != 2 ||
	    key[used] != '\0' || id >= MODEL_FRU_MAX ||
	    !b->model->fru[id].defined) {
		bmc_state_problem(
		    in, "%s: no such FRU device in the model", key);
		return 1;
	}
	if ((d = fru_device(b, (uint8_t)id)) == NULL) {
		bmc_state_problem(in, "out of memory");
		return 1;
	}
	if (hexdump_parse(value, chunk, sizeof(chunk), &n) != 0 ||
	    off >= d->size || n > (size_t)(d->size - off)) {
		bmc_state_problem(in,
		    "%s: not hex within the device's %u bytes", key, d->size);
		return 1;
	}
	memcpy(d->bytes + off, chunk, n);
	d->written = 1;
	return 1;
}

static void
fru_loaded(struct bmc *b)
{
	unsigned i;

	for (i = 0; i < MODEL_FRU_MAX; i++)
		if (fru_of(b)->dev[i].written)
			bmc_log(b,
			    "FRU %u as written over IPMI restored; it "
			    "overrides the model's",
			    i);
}

const struct bmc_area bmc_area_fru = {
    .name = "fru",
    .cmds = fru_cmds,
    .ncmds = sizeof(fru_cmds) / sizeof(fru_cmds[0]),
    .init_cb = fru_init,
    .free_cb = fru_free,
    .save_cb = fru_save,
    .load_cb = fru_load,
    .loaded_cb = fru_loaded,
};
