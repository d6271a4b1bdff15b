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

struct fru_writer {
	uint8_t *out;
	size_t	 cap, len;
	int	 overflow;
};

static void
fw_byte(struct fru_writer *w, uint8_t v)
{
	if (w->len < w->cap)
		w->out[w->len] = v;
	else
		w->overflow = 1;
	w->len++;
}

/* A type/length byte (8-bit ASCII) and the text. */
static void
fw_string(struct fru_writer *w, const char *s, unsigned index, const char *name)
{
	char   text[MODEL_FRU_STRING_LEN + 1];
	size_t n = fru_expand(s, index, name, text), i;

	fw_byte(w, (uint8_t)(0xc0 | n));
	for (i = 0; i < n; i++)
		fw_byte(w, (uint8_t)text[i]);
}

static uint8_t
fru_zero_sum(const uint8_t *p, size_t n)
{
	uint8_t sum = 0;

	while (n-- > 0)
		sum = (uint8_t)(sum + *p++);
	return (uint8_t)-sum;
}

/*
 * An info area from start: end marker C1h, zeros up to a multiple of 8
 * bytes with the checksum last, the length byte (area + 1) filled in.
 */
static void
fw_area_end(struct fru_writer *w, size_t start)
{
	fw_byte(w, 0xc1);
	while ((w->len - start + 1) % 8 != 0)
		fw_byte(w, 0x00);
	fw_byte(w, 0x00); /* the checksum's place */
	if (w->overflow)
		return;
	w->out[start + 1] = (uint8_t)((w->len - start) / 8);
	w->out[w->len - 1] = fru_zero_sum(w->out + start, w->len - start - 1);
}

static int
any(const char *a)
{
	return a[0] != '\0';
}

size_t
fru_image_build(const struct model_fru *f, unsigned index, const char *name,
    uint8_t *out, size_t cap)
{
	struct fru_writer w = {out, cap, 0, 0};
	size_t		  start;
	int		  i;
	uint8_t		  offsets[4] = {0, 0, 0, 0};

	if (f->image_len > 0) {
		if (f->image_len > cap)
			return 0;
		memcpy(out, f->image, f->image_len);
		return f->image_len;
	}
	for (i = 0; i < 8; i++)
		fw_byte(&w, 0); /* the common header, filled in below */
	if (any(f->chassis_part) || any(f->chassis_serial) ||
	    any(f->chassis_custom[0]) || any(f->chassis_custom[1])) {
		start = w.len;
		offsets[0] = (uint8_t)(start / 8);
		fw_byte(&w, 0x01);
		fw_byte(&w, 0x00);
		fw_byte(&w, f->chassis_type);
		fw_string(&w, f->chassis_part, index, name);
		fw_string(&w, f->chassis_serial, index, name);
		for (i = 0; i < MODEL_FRU_CUSTOM_MAX; i++)
			if (any(f->chassis_custom[i]))
				fw_string(
				    &w, f->chassis_custom[i], index, name);
		fw_area_end(&w, start);
	}
	if (f->board_mfg_minutes != 0 || any(f->board_manufacturer) ||
	    any(f->board_product) || any(f->board_serial) ||
	    any(f->board_part) || any(f->board_fru_id)) {
		start = w.len;
		offsets[1] = (uint8_t)(start / 8);
		fw_byte(&w, 0x01);
		fw_byte(&w, 0x00);
		fw_byte(&w, 0x00); /* English */
		fw_byte(&w, (uint8_t)f->board_mfg_minutes);
		fw_byte(&w, (uint8_t)(f->board_mfg_minutes >> 8));
		fw_byte(&w, (uint8_t)(f->board_mfg_minutes >> 16));
		fw_string(&w, f->board_manufacturer, index, name);
		fw_string(&w, f->board_product, index, name);
		fw_string(&w, f->board_serial, index, name);
		fw_string(&w, f->board_part, index, name);
		fw_string(&w, f->board_fru_id, index, name);
		for (i = 0; i < MODEL_FRU_CUSTOM_MAX; i++)
			if (any(f->board_custom[i]))
				fw_string(&w, f->board_custom[i], index, name);
		fw_area_end(&w, start);
	}
	if (any(f->product_manufacturer) || any(f->product_name) ||
	    any(f->product_part) || any(f->product_version) ||
	    any(f->product_serial) || any(f->product_asset_tag)) {
		start = w.len;
		offsets[2] = (uint8_t)(start / 8);
		fw_byte(&w, 0x01);
		fw_byte(&w, 0x00);
		fw_byte(&w, 0x00); /* English */
		fw_string(&w, f->product_manufacturer, index, name);
		fw_string(&w, f->product_name, index, name);
		fw_string(&w, f->product_part, index, name);
		fw_string(&w, f->product_version, index, name);
		fw_string(&w, f->product_serial, index, name);
		fw_string(&w, f->product_asset_tag, index, name);
		fw_string(&w, f->product_fru_id, index, name);
		for (i = 0; i < MODEL_FRU_CUSTOM_MAX; i++)
			if (any(f->product_custom[i]))
				fw_string(
				    &w, f->product_custom[i], index, name);
		fw_area_end(&w, start);
	}
	if (f->psu_capacity_w != 0) {
		/* Power Supply Information (FRU spec 18.1), last record. */
		uint8_t r[24] = {0};
		size_t	h = w.len;

		offsets[3] = (uint8_t)(h / 8);
		r[0] = (uint8_t)f->psu_capacity_w;
		r[1] = (uint8_t)((f->psu_capacity_w >> 8) & 0x0f);
		r[2] = (uint8_t)(f->psu_peak_va != 0 ? f->psu_peak_va : 0xffff);
		r[3] = (uint8_t)((f->psu_peak_va != 0 ? f->psu_peak_va
						      : 0xffff) >>
		    8);
		r[4] = 30;	      /* inrush current, A */
		r[5] = 5;	      /* inrush interval, ms */
		r[6] = (uint8_t)9000; /* 90 V to 264 V, 10 mV units */
		r[7] = (uint8_t)(9000 >> 8);
		r[8] = (uint8_t)26400;
		r[9] = (uint8_t)(26400 >> 8);
		r[14] = 47; /* 47 to 63 Hz */
		r[15] = 63;
		r[16] = 20;   /* AC dropout tolerance, ms */
		r[17] = 0x1c; /* hot swap, autoswitch, power factor corrected */
		r[18] = (uint8_t)f->psu_capacity_w; /* peak: 1 s hold-up */
		r[19] = (uint8_t)(0x10 | ((f->psu_capacity_w >> 8) & 0x0f));
		fw_byte(&w, 0x00); /* record type: power supply information */
		fw_byte(&w, 0x82); /* end of list, format version 2 */
		fw_byte(&w, sizeof(r));
		fw_byte(&w, fru_zero_sum(r, sizeof(r)));
		fw_byte(&w, 0x00);
		if (!w.overflow)
			w.out[h + 4] = fru_zero_sum(w.out + h, 4);
		for (i = 0; i < (int)sizeof(r); i++)
			fw_byte(&w, r[i]);
		while (w.len % 8 != 0)
			fw_byte(&w, 0x00);
	}
	if (w.overflow)
		return 0;
	out[0] = 0x01; /* format version */
	out[1] = 0x00; /* no internal use area */
	memcpy(out + 2, offsets, 4);
	out[6] = 0x00;
	out[7] = fru_zero_sum(out, 7);
	return w.len;
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
