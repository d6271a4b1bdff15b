/*
 * Set Channel Security Keys (IPMI 2.0 §22.25, App netFn 06h command 56h)
 * on the LAN channel: read, set and lock K_R and K_G.
 *
 * K_G is the channel's second key (§13.31: the SIK is keyed with K_G
 * when it is set, with the user's password when it is all zero): it
 * lives in the channel policy (b->channel.kg), so that a change reaches
 * the responder for sessions opened afterwards, as Set Channel Access
 * does.  K_R (the BMC's key for a remote console's authentication, which
 * RAKP as implemented here does not use) is only kept and read back.
 * Keys and their locks set over IPMI are in the saved state: a real BMC
 * keeps them in flash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "ct.h"
#include "err.h"
#include "hexdump.h"

#define CMD_APP_SET_CHANNEL_SECURITY_KEYS 0x56

#define CHANKEYS_LEN 20 /* K_R and K_G (§22.25) */

/* Byte 2, the operation. */
#define CHANKEYS_OP_READ 0
#define CHANKEYS_OP_SET	 1
#define CHANKEYS_OP_LOCK 2
/* Byte 3, the key ID. */
#define CHANKEYS_KEY_R 0
#define CHANKEYS_KEY_G 1
#define CHANKEYS_NKEYS 2
/* Response byte 2, the lock status. */
#define CHANKEYS_LOCKED	  0x01
#define CHANKEYS_UNLOCKED 0x02
/* Completion codes of §22.25. */
#define CHANKEYS_CC_LOCKED   0x80
#define CHANKEYS_CC_TOO_MANY 0x82

struct bmc_chankeys {
	uint8_t kr[CHANKEYS_LEN];
	uint8_t locked;	 /* bit n: key ID n */
	uint8_t changed; /* set over IPMI: saved */
};

static struct bmc_chankeys *
chankeys_of(const struct bmc *b)
{
	return b->chankeys;
}

/* The key a key ID names: K_G is the channel's, K_R ours. */
static uint8_t *
chankeys_key(struct bmc *b, uint8_t id)
{
	return id == CHANKEYS_KEY_G ? b->channel.kg : chankeys_of(b)->kr;
}

/* K_G set to all zero means "none": the user's key is used (§13.31). */
static void
chankeys_kg_applied(struct bmc *b)
{
	uint8_t zero[CHANKEYS_LEN] = {0};

	b->channel.kg_set = ct_memeq(b->channel.kg, zero, CHANKEYS_LEN) ? 0 : 1;
}

/*
 * §22.25.  A key shorter than 20 bytes is padded with zeros, as
 * FreeIPMI's ipmi-config sends a K_R of the length typed and a K_G of
 * the bytes given; more than 20 is 82h.  A locked key refuses a set
 * (80h); reading it still works, as it does on BMCs that lock keys.
 */
static uint8_t
chankeys_set(struct bmc *b, struct bmc_cmd *ctx)
{
	const struct model_request *req = ctx->req;
	struct rd		   *in = &ctx->in;
	struct wr		   *out = &ctx->out;
	struct bmc_chankeys	   *k = chankeys_of(b);
	uint8_t			    chan, op, id, key[CHANKEYS_LEN] = {0};
	size_t			    len;

	if (rd_u8(in, &chan) != 0 || rd_u8(in, &op) != 0 || rd_u8(in, &id) != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	op &= 0x03;
	len = rd_left(in);
	if (bmc_lan_channel(b, req, chan & 0x0f) < 0 || op > CHANKEYS_OP_LOCK ||
	    id >= CHANKEYS_NKEYS)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (op != CHANKEYS_OP_SET && len != 0)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	if (op == CHANKEYS_OP_SET) {
		if (len > CHANKEYS_LEN)
			return CHANKEYS_CC_TOO_MANY;
		if (k->locked & (1u << id))
			return CHANKEYS_CC_LOCKED;
		rd_bytes(in, key, len);
		memcpy(chankeys_key(b, id), key, CHANKEYS_LEN);
		ct_wipe(key, sizeof(key));
		if (id == CHANKEYS_KEY_G) {
			chankeys_kg_applied(b);
			bmc_channel_changed(b, req);
		}
		bmc_log(b, "%s set (Set Channel Security Keys)%s",
		    id == CHANKEYS_KEY_G ? "K_G" : "K_R",
		    id == CHANKEYS_KEY_G
			? (b->channel.kg_set ? ": two-key login"
					     : ": zero, one-key login")
			: "");
	} else if (op == CHANKEYS_OP_LOCK && !(k->locked & (1u << id))) {
		k->locked |= (uint8_t)(1u << id);
		bmc_log(b, "%s locked (Set Channel Security Keys)",
		    id == CHANKEYS_KEY_G ? "K_G" : "K_R");
	}
	if (op != CHANKEYS_OP_READ) {
		k->changed = 1;
		b->state_generation++;
	}
	wr_u8(out,
	    (k->locked & (1u << id)) ? CHANKEYS_LOCKED : CHANKEYS_UNLOCKED);
	if (op == CHANKEYS_OP_READ)
		wr_bytes(out, chankeys_key(b, id), CHANKEYS_LEN);
	return IPMI_CC_OK;
}

/*
 * Appendix G: Administrator.  The key may be up to 20 bytes; longer is
 * the command's own 82h, so the table lets it through.
 */
static const struct cmd_entry chankeys_cmds[] = {
    {IPMI_NETFN_APP, CMD_APP_SET_CHANNEL_SECURITY_KEYS, IPMI_PRIV_ADMIN, 3, 255,
	0, chankeys_set, "Set Channel Security Keys"},
};

/* ---- life cycle and saved state ---- */

static int
chankeys_init(struct bmc *b, uint64_t now_ms)
{
	(void)now_ms;
	if ((b->chankeys = calloc(1, sizeof(*b->chankeys))) == NULL)
		return ERR_NOMEM;
	return 0;
}

static void
chankeys_free(struct bmc *b)
{
	if (b->chankeys != NULL)
		ct_wipe(b->chankeys, sizeof(*b->chankeys));
	free(b->chankeys);
	b->chankeys = NULL;
}

static void
chankeys_save(const struct bmc *b, struct bmc_state_out *o)
{
	const struct bmc_chankeys *k = chankeys_of(b);

	if (!k->changed)
		return;
	bmc_state_printf(o, "\n[channel_keys]\n");
	bmc_state_hex(o, "kr", k->kr, CHANKEYS_LEN);
	bmc_state_hex(o, "kg", b->channel.kg, CHANKEYS_LEN);
	bmc_state_printf(o, "locked = %u\n", k->locked);
}

static int
chankeys_load(struct bmc *b, const char *section, const char *key,
    const char *value, struct bmc_state_in *in)
{
	struct bmc_chankeys *k = chankeys_of(b);
	uint8_t		     buf[CHANKEYS_LEN];
	size_t		     got;
	unsigned	     v;
	int		     used = 0;

	if (strcmp(section, "channel_keys") != 0)
		return 0;
	k->changed = 1;
	if (strcmp(key, "kr") == 0 || strcmp(key, "kg") == 0) {
		if (hexdump_parse(value, buf, sizeof(buf), &got) != 0 ||
		    got != CHANKEYS_LEN)
			bmc_state_problem(
			    in, "%s: not %u bytes of hex", key, CHANKEYS_LEN);
		else
			memcpy(chankeys_key(b,
				   key[1] == 'g' ? CHANKEYS_KEY_G
						 : CHANKEYS_KEY_R),
			    buf, CHANKEYS_LEN);
		ct_wipe(buf, sizeof(buf));
	} else if (strcmp(key, "locked") == 0 &&
	    sscanf(value, "%u%n", &v, &used) == 1 && value[used] == '\0' &&
	    v <= 3)
		k->locked = (uint8_t)v;
	else
		bmc_state_problem(
		    in, "unknown or out of range: %s in [channel_keys]", key);
	return 1;
}

static void
chankeys_loaded(struct bmc *b)
{
	if (!chankeys_of(b)->changed)
		return;
	chankeys_kg_applied(b);
	b->policy_generation++;
	bmc_log(b,
	    "channel security keys set over IPMI restored (K_G %s); they "
	    "override the model's",
	    b->channel.kg_set ? "set" : "zero");
}

const struct bmc_area bmc_area_chankeys = {
    .name = "channel keys",
    .cmds = chankeys_cmds,
    .ncmds = sizeof(chankeys_cmds) / sizeof(chankeys_cmds[0]),
    .init_cb = chankeys_init,
    .free_cb = chankeys_free,
    .save_cb = chankeys_save,
    .load_cb = chankeys_load,
    .loaded_cb = chankeys_loaded,
};
