/*
 * Small App-netFn parameters: the system information parameters (Get/Set
 * System Info Parameters, IPMI 2.0 §22.14a), the BMC global enables
 * (§22.1, §22.2) and the message flags (§22.3, §22.4).
 *
 * The string parameters start as the model's [system] section says;
 * changes to 1-3 (firmware version, system name, primary OS name) are
 * kept in the saved state, 4 (the running OS's name) is volatile, as the
 * specification has it.  The message flags are set by other areas
 * through bmc_message_flags_set() (the watchdog's pre-timeout).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "confparam.h"
#include "err.h"
#include "hexdump.h"

#define CMD_APP_SET_GLOBAL_ENABLES  0x2e
#define CMD_APP_GET_GLOBAL_ENABLES  0x2f
#define CMD_APP_CLEAR_MESSAGE_FLAGS 0x30
#define CMD_APP_GET_MESSAGE_FLAGS   0x31
#define CMD_APP_SET_SYSINFO	    0x58
#define CMD_APP_GET_SYSINFO	    0x59

#define SYSINFO_REVISION     0x11
#define SYSINFO_PARAMS	     5 /* 0 set in progress, 1-4 strings */
#define SYSINFO_OS_NAME	     4 /* volatile */
#define SYSINFO_BLOCK	     16
#define SYSINFO_FIRST_DATA   14 /* block 0: encoding, length, 14 bytes */
#define SYSINFO_STRING_MAX   255
#define SYSINFO_SAVE_CHUNK   64 /* string bytes a saved-state line */
#define SYSINFO_SETS	     17 /* 14 + 16 * 16 >= 255 */
#define SYSINFO_ASCII	     0x00
#define SYSINFO_ENCODING_MAX 0x02 /* ASCII/Latin-1, UTF-8, UNICODE */

/* Set BMC Global Enables: bit 2 and bits 7:5 are what we keep. */
#define BMC_GLOBAL_ENABLES_DEFAULT 0x0d
#define BMC_GLOBAL_ENABLES_MASK	   0xef

struct sysinfo_string {
	uint8_t encoding;
	uint8_t len;
	uint8_t data[SYSINFO_STRING_MAX];
};

struct bmc_sysinfo {
	uint8_t		      set_in_progress;
	struct sysinfo_string param[SYSINFO_PARAMS]; /* [0] unused */
	uint8_t		      changed; /* bit n: param n set over IPMI */
	uint8_t		      global_enables;
	uint8_t		      message_flags;
};

static struct bmc_sysinfo *
sysinfo_of(const struct bmc *b)
{
	return b->sysinfo;
}

uint8_t
bmc_global_enables(const struct bmc *b)
{
	const struct bmc_sysinfo *si = sysinfo_of(b);

	return si != NULL ? si->global_enables : BMC_GLOBAL_ENABLES_DEFAULT;
}

void
bmc_message_flags_set(struct bmc *b, uint8_t flags)
{
	struct bmc_sysinfo *si = sysinfo_of(b);

	if (si != NULL)
		si->message_flags |= flags;
}

/* ---- handlers ---- */

static uint8_t
sysinfo_set_global_enables(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t v;

	rd_u8(&ctx->in, &v);
	sysinfo_of(b)->global_enables = v & BMC_GLOBAL_ENABLES_MASK;
	return IPMI_CC_OK;
}

static uint8_t
sysinfo_get_global_enables(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, sysinfo_of(b)->global_enables);
	return IPMI_CC_OK;
}

static uint8_t
sysinfo_clear_message_flags(struct bmc *b, struct bmc_cmd *ctx)
{
	uint8_t v;

	rd_u8(&ctx->in, &v);
	sysinfo_of(b)->message_flags &= (uint8_t)~v;
	return IPMI_CC_OK;
}

static uint8_t
sysinfo_get_message_flags(struct bmc *b, struct bmc_cmd *ctx)
{
	wr_u8(&ctx->out, sysinfo_of(b)->message_flags);
	return IPMI_CC_OK;
}

static uint8_t
sysinfo_get(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sysinfo	    *si = sysinfo_of(b);
	const struct sysinfo_string *str;
	uint8_t			     flags, param, set, block, chunk[16];
	unsigned		     start, i;

	rd_u8(&ctx->in, &flags);
	rd_u8(&ctx->in, &param);
	rd_u8(&ctx->in, &set);
	rd_u8(&ctx->in, &block);
	if (param >= SYSINFO_PARAMS)
		return CONFPARAM_CC_NOT_SUPPORTED;
	if (confparam_get_revision(&ctx->out, SYSINFO_REVISION, flags))
		return IPMI_CC_OK;
	if (param == 0) {
		wr_u8(&ctx->out, si->set_in_progress);
		return IPMI_CC_OK;
	}
	if (set >= SYSINFO_SETS)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	str = &si->param[param];
	memset(chunk, 0, sizeof(chunk));
	if (set == 0) {
		chunk[0] = str->encoding;
		chunk[1] = str->len;
		for (i = 0; i < SYSINFO_FIRST_DATA && i < str->len; i++)
			chunk[2 + i] = str->data[i];
	} else {
		start = SYSINFO_FIRST_DATA + (set - 1u) * SYSINFO_BLOCK;
		for (i = 0; i < SYSINFO_BLOCK && start + i < str->len; i++)
			chunk[i] = str->data[start + i];
	}
	wr_u8(&ctx->out, set);
	wr_bytes(&ctx->out, chunk, sizeof(chunk));
	return IPMI_CC_OK;
}

static uint8_t
sysinfo_set(struct bmc *b, struct bmc_cmd *ctx)
{
	struct bmc_sysinfo    *si = sysinfo_of(b);
	struct sysinfo_string *str;
	uint8_t		       param, set, v;
	size_t		       n = 0;
	unsigned	       start = 0;

	rd_u8(&ctx->in, &param);
	if (param >= SYSINFO_PARAMS)
		return CONFPARAM_CC_NOT_SUPPORTED;
	if (param == 0) {
		if (rd_left(&ctx->in) != 1)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		rd_u8(&ctx->in, &v);
		return confparam_set_in_progress(&si->set_in_progress, v, 0);
	}
	if (rd_u8(&ctx->in, &set) != 0 || rd_left(&ctx->in) == 0 ||
	    rd_left(&ctx->in) > SYSINFO_BLOCK)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (set >= SYSINFO_SETS)
		return IPMI_CC_PARAM_OUT_OF_RANGE;
	str = &si->param[param];
	if (set == 0) {
		if (rd_left(&ctx->in) < 2)
			return IPMI_CC_REQ_DATA_LEN_INVALID;
		rd_u8(&ctx->in, &v);
		if ((v & 0x0f) > SYSINFO_ENCODING_MAX)
			return IPMI_CC_INVALID_DATA_FIELD;
		str->encoding = v & 0x0f;
		rd_u8(&ctx->in, &str->len);
		memset(str->data, 0, sizeof(str->data));
		rd_bytes(&ctx->in, str->data, rd_left(&ctx->in));
	} else {
		start = SYSINFO_FIRST_DATA + (set - 1u) * SYSINFO_BLOCK;
		n = rd_left(&ctx->in);
		if (n > SYSINFO_STRING_MAX - start)
			n = SYSINFO_STRING_MAX - start;
		rd_bytes(&ctx->in, str->data + start, n);
	}
	if (param != SYSINFO_OS_NAME) {
		si->changed |= (uint8_t)(1u << param);
		b->state_generation++;
	}
	if (set == 0 || start + n >= str->len)
		bmc_log(b, "system info parameter %u: \"%.*s\"", param,
		    (int)str->len, (const char *)str->data);
	return IPMI_CC_OK;
}

#define APP  IPMI_NETFN_APP
#define USER IPMI_PRIV_USER
#define ADMN IPMI_PRIV_ADMIN

/*
 * Appendix G makes Set BMC Global Enables and the message flags "local
 * only" (the system interface); over the LAN they take administrator
 * (set, clear) and user (get) privilege.
 */
static const struct cmd_entry sysinfo_cmds[] = {
    {APP, CMD_APP_SET_GLOBAL_ENABLES, ADMN, 1, 1, 0, sysinfo_set_global_enables,
	"Set BMC Global Enables"},
    {APP, CMD_APP_GET_GLOBAL_ENABLES, USER, 0, 0, 0, sysinfo_get_global_enables,
	"Get BMC Global Enables"},
    {APP, CMD_APP_CLEAR_MESSAGE_FLAGS, ADMN, 1, 1, 0,
	sysinfo_clear_message_flags, "Clear Message Flags"},
    {APP, CMD_APP_GET_MESSAGE_FLAGS, USER, 0, 0, 0, sysinfo_get_message_flags,
	"Get Message Flags"},
    {APP, CMD_APP_SET_SYSINFO, ADMN, 2, 18, 0, sysinfo_set,
	"Set System Info Parameters"},
    {APP, CMD_APP_GET_SYSINFO, USER, 4, 4, 0, sysinfo_get,
	"Get System Info Parameters"},
};

/* ---- life cycle and saved state ---- */

static void
sysinfo_from(struct sysinfo_string *s, const char *text)
{
	size_t n = strlen(text);

	if (n > SYSINFO_STRING_MAX)
		n = SYSINFO_STRING_MAX;
	s->encoding = SYSINFO_ASCII;
	s->len = (uint8_t)n;
	memset(s->data, 0, sizeof(s->data));
	memcpy(s->data, text, n);
}

static int
sysinfo_init(struct bmc *b, uint64_t now_ms)
{
	struct bmc_sysinfo	  *si = calloc(1, sizeof(*si));
	const struct model_system *m = &b->model->system;

	(void)now_ms;
	if (si == NULL)
		return ERR_NOMEM;
	sysinfo_from(&si->param[1], m->firmware_version);
	sysinfo_from(&si->param[2], m->name);
	sysinfo_from(&si->param[3], m->primary_os);
	sysinfo_from(&si->param[4], m->os_name);
	si->global_enables = BMC_GLOBAL_ENABLES_DEFAULT;
	b->sysinfo = si;
	return 0;
}

static void
sysinfo_free(struct bmc *b)
{
	free(b->sysinfo);
	b->sysinfo = NULL;
}

static const char *const sysinfo_keys[SYSINFO_PARAMS] = {
    NULL, "firmware_version", "name", "primary_os", NULL};

/*
 * Only what was set over IPMI: the encoding byte and the string's first
 * SYSINFO_SAVE_CHUNK bytes, then "KEY.OFFSET = " lines for the rest, so
 * that no line is longer than inih reads (198 bytes).
 */
static void
sysinfo_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_sysinfo *si = sysinfo_of(b);
	unsigned		  p, off, n;
	char			  key[32];

	if ((si->changed & 0x0e) == 0)
		return;
	bmc_state_printf(o, "\n[sysinfo]\n");
	for (p = 1; p < SYSINFO_OS_NAME; p++) {
		const struct sysinfo_string *str = &si->param[p];
		uint8_t			     buf[1 + SYSINFO_SAVE_CHUNK];

		if (!(si->changed & (1u << p)))
			continue;
		n = str->len < SYSINFO_SAVE_CHUNK ? str->len
						  : SYSINFO_SAVE_CHUNK;
		buf[0] = str->encoding;
		memcpy(buf + 1, str->data, n);
		bmc_state_hex(o, sysinfo_keys[p], buf, 1u + n);
		for (off = n; off < str->len; off += n) {
			n = str->len - off < SYSINFO_SAVE_CHUNK
			    ? str->len - off
			    : SYSINFO_SAVE_CHUNK;
			snprintf(
			    key, sizeof(key), "%s.%u", sysinfo_keys[p], off);
			bmc_state_hex(o, key, str->data + off, n);
		}
	}
}

/*
 * "KEY.OFFSET = HEX": more of a string whose first bytes were read; the
 * offset is where the string read so far ends.
 */
static void
sysinfo_load_more(struct bmc *b, struct sysinfo_string *str, const char *key,
    unsigned long off, const char *value, struct bmc_state_in *in)
{
	uint8_t buf[SYSINFO_STRING_MAX];
	size_t	n;

	if (off != str->len ||
	    hexdump_parse(value, buf, sizeof(buf), &n) != 0 ||
	    n > SYSINFO_STRING_MAX - off) {
		bmc_state_problem(
		    in, "%s: not the next part of the string in hex", key);
		return;
	}
	memcpy(str->data + off, buf, n);
	str->len = (uint8_t)(off + n);
	bmc_log(b, "system info %s from the saved state: \"%.*s\"", key, (int)n,
	    (const char *)buf);
}

static int
sysinfo_load(struct bmc *b, const char *section, const char *key,
    const char *value, struct bmc_state_in *in)
{
	struct bmc_sysinfo *si = sysinfo_of(b);
	uint8_t		    buf[1 + SYSINFO_STRING_MAX];
	size_t		    n;
	unsigned	    p;

	if (strcmp(section, "sysinfo") != 0)
		return 0;
	for (p = 1; p < SYSINFO_OS_NAME; p++) {
		size_t klen = strlen(sysinfo_keys[p]);

		if (strcmp(key, sysinfo_keys[p]) == 0)
			break;
		if (strncmp(key, sysinfo_keys[p], klen) == 0 &&
		    key[klen] == '.' && (si->changed & (1u << p)) &&
		    isdigit((unsigned char)key[klen + 1])) {
			char	     *end;
			unsigned long off = strtoul(key + klen + 1, &end, 10);

			if (*end == '\0') {
				sysinfo_load_more(
				    b, &si->param[p], key, off, value, in);
				return 1;
			}
		}
	}
	if (p == SYSINFO_OS_NAME) {
		bmc_state_problem(in, "unknown key %s in [sysinfo]", key);
		return 1;
	}
	if (hexdump_parse(value, buf, sizeof(buf), &n) != 0 || n < 1 ||
	    buf[0] > SYSINFO_ENCODING_MAX) {
		bmc_state_problem(
		    in, "%s: not an encoding and a string in hex", key);
		return 1;
	}
	si->param[p].encoding = buf[0];
	si->param[p].len = (uint8_t)(n - 1);
	memset(si->param[p].data, 0, sizeof(si->param[p].data));
	memcpy(si->param[p].data, buf + 1, n - 1);
	si->changed |= (uint8_t)(1u << p);
	bmc_log(b, "system info %s from the saved state: \"%.*s\"", key,
	    (int)(n - 1), (const char *)buf + 1);
	return 1;
}

const struct bmc_area bmc_area_sysinfo = {
    .name = "sysinfo",
    .cmds = sysinfo_cmds,
    .ncmds = sizeof(sysinfo_cmds) / sizeof(sysinfo_cmds[0]),
    .init_cb = sysinfo_init,
    .free_cb = sysinfo_free,
    .save_cb = sysinfo_save,
    .load_cb = sysinfo_load,
};
