/*
 * The follower.  It keeps, per RMCP+ handshake seen, what both ends know
 * by the time of each message (IPMI 2.0 §13.31 and §13.32), so it can
 * recompute what each message proves.  Session IDs tell the sessions and
 * the directions apart: a packet to the BMC carries the BMC's session ID,
 * a packet to the console the console's.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authcode15.h"
#include "ct.h"
#include "cursor.h"
#include "describe.h"
#include "err.h"
#include "follow.h"
#include "hexdump.h"
#include "ipmi15.h"
#include "names.h"
#include "protect.h"
#include "rakp.h"
#include "rakp_keys.h"
#include "rmcp.h"
#include "rmcpp.h"
#include "suite.h"

#define FOLLOW_SESSIONS	 64
#define FOLLOW_PLAIN_MAX 1024

struct follow_session {
	uint8_t used;
	uint8_t have_open_rsp, have_rakp1, have_rakp2;
	uint8_t keys_ready;
	uint8_t logged; /* keys from a key log */
	/* Per direction (0: to the console, 1: to the BMC), §6.12.13. */
	uint32_t	       seq_top[2];
	uint32_t	       seq_seen[2]; /* bit k: seq_top - k seen */
	uint32_t	       console_sid;
	uint32_t	       bmc_sid;
	uint8_t		       auth_alg, integ_alg, conf_alg;
	struct rakp_keys_input in;
	uint8_t		       sik[SUITE_KEY_MAX];
	struct protect_keys    keys;
	uint64_t	       age; /* for reuse of the oldest slot */
};

struct follow {
	struct follow_opts    o;
	struct follow_stats   st;
	struct follow_session s[FOLLOW_SESSIONS];
	uint64_t	      clock;
	int		      last; /* index of the last completed handshake */
	FILE		     *fp;
	const char	     *indent;
};

struct follow *
follow_new(const struct follow_opts *o)
{
	struct follow *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return NULL;
	f->o = *o;
	f->last = -1;
	return f;
}

void
follow_free(struct follow *f)
{
	if (f == NULL)
		return;
	ct_wipe(f, sizeof(*f));
	free(f);
}

const struct follow_stats *
follow_stats(const struct follow *f)
{
	return &f->st;
}

size_t
follow_last_keys(const struct follow *f, uint8_t *sik, uint8_t *k1, uint8_t *k2)
{
	const struct follow_session *s;
	size_t			     n;

	if (f->last < 0)
		return 0;
	s = &f->s[f->last];
	n = suite_auth_code_len(s->auth_alg);
	memcpy(sik, s->sik, n);
	memcpy(k1, s->keys.k1, n);
	memcpy(k2, s->keys.k2, n);
	return n;
}

/* ---- printing ---- */

static void follow_say(struct follow *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
follow_say(struct follow *f, const char *fmt, ...)
{
	va_list ap;

	fputs(f->indent, f->fp);
	va_start(ap, fmt);
	vfprintf(f->fp, fmt, ap);
	va_end(ap);
	fputc('\n', f->fp);
}

/* A value on one line when short, else as a dump under its label. */
static void
follow_value(
    struct follow *f, const char *label, const uint8_t *p, size_t n, int secret)
{
	char ind[64];

	if (secret && !f->o.show_secrets) {
		follow_say(
		    f, "%s: (%zu bytes, hidden by --no-secrets)", label, n);
		return;
	}
	if (n <= 16) {
		fprintf(f->fp, "%s%s:", f->indent, label);
		if (n == 0)
			fputs(" (empty)", f->fp);
		else
			fputc(' ', f->fp), hexdump_inline_fp(f->fp, p, n);
		fputc('\n', f->fp);
		return;
	}
	follow_say(f, "%s (%zu bytes):", label, n);
	snprintf(ind, sizeof(ind), "%s   ", f->indent);
	hexdump_fp(f->fp, ind, p, n);
}

static void
follow_verdict(struct follow *f, const char *what, int ok)
{
	if (ok) {
		f->st.verified++;
		follow_say(f, "=> %s: OK", what);
	} else {
		f->st.failed++;
		follow_say(f, "=> %s: MISMATCH", what);
	}
}

static const char *
follow_hmac_name(uint8_t auth_alg)
{
	switch (auth_alg) {
	case AUTH_ALG_RAKP_HMAC_SHA1:
		return "HMAC-SHA1";
	case AUTH_ALG_RAKP_HMAC_MD5:
		return "HMAC-MD5";
	case AUTH_ALG_RAKP_HMAC_SHA256:
		return "HMAC-SHA256";
	default:
		return "none";
	}
}

static void
follow_unverifiable(struct follow *f, const char *what, const char *why)
{
	f->st.unverifiable++;
	follow_say(f, "=> %s: not checked (%s)", what, why);
}

/* ---- sessions ---- */

static struct follow_session *
follow_by_console(struct follow *f, uint32_t sid)
{
	size_t i;

	for (i = 0; i < FOLLOW_SESSIONS; i++)
		if (f->s[i].used && f->s[i].console_sid == sid)
			return &f->s[i];
	return NULL;
}

static struct follow_session *
follow_by_bmc(struct follow *f, uint32_t sid)
{
	size_t i;

	for (i = 0; i < FOLLOW_SESSIONS; i++)
		if (f->s[i].used && f->s[i].have_open_rsp &&
		    f->s[i].bmc_sid == sid)
			return &f->s[i];
	return NULL;
}

/* A fresh slot (the oldest one when all are taken). */
static struct follow_session *
follow_slot(struct follow *f, uint32_t console_sid)
{
	struct follow_session *s = &f->s[0];
	size_t		       i;

	for (i = 0; i < FOLLOW_SESSIONS; i++) {
		if (!f->s[i].used) {
			s = &f->s[i];
			break;
		}
		if (f->s[i].age < s->age)
			s = &f->s[i];
	}
	if (f->last == (int)(s - f->s))
		f->last = -1;
	ct_wipe(s, sizeof(*s));
	s->used = 1;
	s->console_sid = console_sid;
	s->age = ++f->clock;
	return s;
}

int
follow_add_keys(struct follow *f, uint32_t console_sid, uint32_t bmc_sid,
    unsigned suite_id, const uint8_t *sik, const uint8_t *k1, const uint8_t *k2,
    size_t key_len)
{
	const struct suite    *su = suite_by_id(suite_id);
	struct follow_session *s;

	if (su == NULL || !su->implemented)
		return ERR_UNSUPPORTED;
	if (key_len != suite_auth_code_len(su->auth_alg) ||
	    key_len > SUITE_KEY_MAX)
		return ERR_FORMAT;
	/* A handshake later in the capture finds this slot by its IDs. */
	s = follow_slot(f, console_sid);
	s->bmc_sid = bmc_sid;
	s->have_open_rsp = 1;
	s->auth_alg = su->auth_alg;
	s->integ_alg = su->integ_alg;
	s->conf_alg = su->conf_alg;
	s->keys.auth_alg = su->auth_alg;
	s->keys.integ_alg = su->integ_alg;
	s->keys.conf_alg = su->conf_alg;
	memcpy(s->sik, sik, key_len);
	memcpy(s->keys.k1, k1, key_len);
	memcpy(s->keys.k2, k2, key_len);
	s->keys_ready = 1;
	s->logged = 1;
	return 0;
}

/* ---- the handshake ---- */

static void
follow_open_req(struct follow *f, const uint8_t *p, size_t n)
{
	struct rakp_open_req   q;
	struct follow_session *s;

	if (rakp_decode_open_req(p, n, &q) != 0)
		return;
	/* A retransmitted request starts the same handshake again. */
	if ((s = follow_by_console(f, q.console_sid)) == NULL)
		s = follow_slot(f, q.console_sid);
	s->auth_alg = q.auth_alg;
	s->integ_alg = q.integ_alg;
	s->conf_alg = q.conf_alg;
	if (f->o.explain)
		follow_say(f,
		    "The console proposes %s / %s / %s and names its "
		    "session 0x%08x: packets to it will carry that ID.",
		    names_auth_alg(q.auth_alg), names_integ_alg(q.integ_alg),
		    names_conf_alg(q.conf_alg), q.console_sid);
}

static void
follow_open_rsp(struct follow *f, const uint8_t *p, size_t n)
{
	struct rakp_open_rsp   r;
	struct follow_session *s;
	const struct suite    *suite;

	if (rakp_decode_open_rsp(p, n, &r) != 0)
		return;
	if (r.status != 0) {
		follow_say(f, "=> the BMC refuses the session: %s",
		    names_rmcpp_status(r.status));
		return;
	}
	if ((s = follow_by_console(f, r.console_sid)) == NULL)
		s = follow_slot(f, r.console_sid);
	s->bmc_sid = r.bmc_sid;
	s->auth_alg = r.auth_alg;
	s->integ_alg = r.integ_alg;
	s->conf_alg = r.conf_alg;
	s->have_open_rsp = 1;
	suite = suite_by_algs(r.auth_alg, r.integ_alg, r.conf_alg);
	follow_say(f,
	    "session: console ID 0x%08x, BMC ID 0x%08x, cipher suite "
	    "%d (%s, %s, %s)",
	    r.console_sid, r.bmc_sid, suite != NULL ? suite->id : -1,
	    names_auth_alg(r.auth_alg), names_integ_alg(r.integ_alg),
	    names_conf_alg(r.conf_alg));
}

static void
follow_rakp1(struct follow *f, const uint8_t *p, size_t n)
{
	struct rakp1	       m;
	struct follow_session *s;

	if (rakp_decode_rakp1(p, n, &m) != 0)
		return;
	if ((s = follow_by_bmc(f, m.bmc_sid)) == NULL) {
		follow_say(f, "(no Open Session seen for BMC session 0x%08x)",
		    m.bmc_sid);
		return;
	}
	s->in.console_sid = s->console_sid;
	s->in.bmc_sid = s->bmc_sid;
	memcpy(s->in.console_rand, m.console_rand, RAKP_RAND_LEN);
	s->in.role = m.role;
	s->in.name_len = m.name_len;
	memcpy(s->in.name, m.name, m.name_len);
	s->have_rakp1 = 1;
	if (f->o.explain)
		follow_say(f,
		    "The console sends its random number Rm and the "
		    "user name; it proves nothing yet.");
}

/* Prints an HMAC input split into its named fields. */
static void
follow_fields(
    struct follow *f, const struct follow_session *s, const char *which)
{
	const struct rakp_keys_input *in = &s->in;
	uint8_t			      sidm[4], sidc[4];
	struct wr		      w;
	const char		     *c;

	wr_init(&w, sidm, 4);
	wr_u32le(&w, in->console_sid);
	wr_init(&w, sidc, 4);
	wr_u32le(&w, in->bmc_sid);
	for (c = which; *c != '\0'; c++) {
		switch (*c) {
		case 'm':
			follow_value(
			    f, "   SIDm  console session ID", sidm, 4, 0);
			break;
		case 'c':
			follow_value(f, "   SIDc  BMC session ID", sidc, 4, 0);
			break;
		case 'R':
			follow_value(f, "   Rm    console random",
			    in->console_rand, 16, 0);
			break;
		case 'r':
			follow_value(
			    f, "   Rc    BMC random", in->bmc_rand, 16, 0);
			break;
		case 'G':
			follow_value(f, "   GUIDc BMC GUID", in->guid, 16, 0);
			break;
		case 'n':
			follow_value(
			    f, "   ROLEm requested role", &in->role, 1, 0);
			follow_value(f, "   ULENm user name length",
			    &in->name_len, 1, 0);
			follow_value(f, "   UNAMEm user name", in->name,
			    in->name_len, 0);
			break;
		}
	}
}

/* Derives SIK, K1 and K2 once RAKP2 gave the BMC's random number. */
static void
follow_keys(struct follow *f, struct follow_session *s)
{
	const uint8_t *kg = f->o.kg_set ? f->o.kg : f->o.password;
	uint8_t	       input[RAKP_KEYS_INPUT_MAX];
	size_t	       n = suite_auth_code_len(s->auth_alg), len;
	const char    *h = follow_hmac_name(s->auth_alg);

	s->keys.auth_alg = s->auth_alg;
	s->keys.integ_alg = s->integ_alg;
	s->keys.conf_alg = s->conf_alg;
	memcpy(s->keys.kuid, f->o.password, sizeof(s->keys.kuid));
	if (s->auth_alg == AUTH_ALG_RAKP_NONE) {
		s->keys_ready = 1;
		return;
	}
	len = rakp_keys_sik_input(&s->in, input);
	if (rakp_keys_sik(s->auth_alg, kg, &s->in, s->sik) != 0 ||
	    rakp_keys_k(s->auth_alg, s->sik, 1, s->keys.k1) != 0 ||
	    rakp_keys_k(s->auth_alg, s->sik, 2, s->keys.k2) != 0) {
		follow_say(f, "(key derivation failed)");
		return;
	}
	s->keys_ready = 1;
	if (f->o.explain) {
		follow_say(f,
		    "Session Integrity Key, known to both ends and "
		    "never sent (IPMI 2.0 §13.31):");
		follow_say(f,
		    "  SIK = %s(K_G, Rm | Rc | ROLEm | ULENm | "
		    "UNAMEm)%s",
		    h, f->o.kg_set ? "" : "   (no K_G set: K_G = Kuid)");
		follow_fields(f, s, "Rrn");
		follow_value(f, "  SIK input", input, len, 0);
		if (f->o.kg_set)
			follow_value(f, "  K_G", kg, 20, 1);
	} else
		follow_say(f, "SIK = %s(%s, Rm | Rc | ROLEm | ULENm | UNAMEm)",
		    h, f->o.kg_set ? "K_G" : "Kuid");
	follow_value(f, "  SIK", s->sik, n, 1);
	if (f->o.explain)
		follow_say(f,
		    "  K1 = %s(SIK, 20 x 01h) keys the integrity "
		    "HMACs; K2 = %s(SIK, 20 x 02h), first 16 bytes, "
		    "is the AES key (§13.32).",
		    h, h);
	follow_value(f, "  K1", s->keys.k1, n, 1);
	follow_value(f, "  K2", s->keys.k2, n, 1);
	ct_wipe(input, sizeof(input));
}

static void
follow_rakp2(struct follow *f, const uint8_t *p, size_t n)
{
	struct rakp2	       m;
	struct follow_session *s;
	uint8_t		       want[SUITE_KEY_MAX], input[RAKP_KEYS_INPUT_MAX];
	size_t		       len, alen;

	if (rakp_decode_rakp2(p, n, &m) != 0)
		return;
	if (m.status != 0) {
		follow_say(f, "=> the BMC refuses the user: %s",
		    names_rmcpp_status(m.status));
		return;
	}
	if ((s = follow_by_console(f, m.console_sid)) == NULL ||
	    !s->have_rakp1) {
		follow_unverifiable(f, "RAKP 2 auth code",
		    "no Open Session and RAKP 1 seen for this session");
		return;
	}
	memcpy(s->in.bmc_rand, m.bmc_rand, RAKP_RAND_LEN);
	memcpy(s->in.guid, m.guid, RAKP_GUID_LEN);
	s->have_rakp2 = 1;
	alen = suite_auth_code_len(s->auth_alg);
	len = rakp_keys_rakp2_input(&s->in, input);
	if (f->o.explain) {
		follow_say(f,
		    "RAKP 2 proves to the console that the BMC knows "
		    "the user's password Kuid (and binds both randoms, "
		    "both session IDs and the BMC GUID):");
		follow_say(f,
		    "  auth code = %s(Kuid, SIDm | SIDc | Rm | Rc | "
		    "GUIDc | ROLEm | ULENm | UNAMEm)",
		    follow_hmac_name(s->auth_alg));
		follow_fields(f, s, "mcRrGn");
		follow_value(f, "  input", input, len, 0);
		follow_value(
		    f, "  Kuid (password, zero-padded)", f->o.password, 20, 1);
		follow_say(f,
		    "  (Anyone who sends RAKP 1 with a valid name gets "
		    "this HMAC and can guess passwords offline: "
		    "CVE-2013-4786, a property of IPMI 2.0.)");
	}
	if (s->auth_alg == AUTH_ALG_RAKP_NONE) {
		follow_say(f, "=> RAKP-none: nothing is proven");
		s->keys_ready = 1;
		follow_keys(f, s);
		return;
	}
	if (!f->o.have_password) {
		follow_unverifiable(f, "RAKP 2 auth code", "no password given");
		return;
	}
	if (rakp_keys_rakp2_auth(s->auth_alg, f->o.password, &s->in, want) != 0)
		return;
	follow_value(f, "  expected", want, alen, 0);
	follow_verdict(f, "RAKP 2 auth code (the BMC knows the password)",
	    m.auth_len == alen && ct_memeq(m.auth, want, alen));
	follow_keys(f, s);
}

static void
follow_rakp3(struct follow *f, const uint8_t *p, size_t n)
{
	struct rakp3	       m;
	struct follow_session *s;
	uint8_t		       want[SUITE_KEY_MAX], input[RAKP_KEYS_INPUT_MAX];
	size_t		       len, alen;

	if (rakp_decode_rakp3(p, n, &m) != 0)
		return;
	if ((s = follow_by_bmc(f, m.bmc_sid)) == NULL || !s->have_rakp2) {
		follow_unverifiable(
		    f, "RAKP 3 auth code", "no RAKP 2 seen for this session");
		return;
	}
	if (m.status != 0) {
		follow_say(f, "=> the console aborts: %s",
		    names_rmcpp_status(m.status));
		return;
	}
	alen = suite_auth_code_len(s->auth_alg);
	len = rakp_keys_rakp3_input(&s->in, input);
	if (f->o.explain) {
		follow_say(f,
		    "RAKP 3 proves to the BMC that the console knows "
		    "the password too (and saw the BMC's random):");
		follow_say(f,
		    "  auth code = %s(Kuid, Rc | SIDm | ROLEm | ULENm "
		    "| UNAMEm)",
		    follow_hmac_name(s->auth_alg));
		follow_fields(f, s, "rmn");
		follow_value(f, "  input", input, len, 0);
	}
	if (s->auth_alg == AUTH_ALG_RAKP_NONE) {
		follow_say(f, "=> RAKP-none: nothing is proven");
		return;
	}
	if (!f->o.have_password) {
		follow_unverifiable(f, "RAKP 3 auth code", "no password given");
		return;
	}
	if (rakp_keys_rakp3_auth(s->auth_alg, f->o.password, &s->in, want) != 0)
		return;
	follow_value(f, "  expected", want, alen, 0);
	follow_verdict(f, "RAKP 3 auth code (the console knows the password)",
	    m.auth_len == alen && ct_memeq(m.auth, want, alen));
}

static void
follow_rakp4(struct follow *f, const uint8_t *p, size_t n)
{
	struct rakp4	       m;
	struct follow_session *s;
	uint8_t		       want[SUITE_KEY_MAX], input[RAKP_KEYS_INPUT_MAX];
	size_t		       len, ilen;

	if (rakp_decode_rakp4(p, n, &m) != 0)
		return;
	if (m.status != 0) {
		follow_say(f, "=> the BMC rejects RAKP 3: %s",
		    names_rmcpp_status(m.status));
		return;
	}
	if ((s = follow_by_console(f, m.console_sid)) == NULL ||
	    !s->keys_ready) {
		follow_unverifiable(f, "RAKP 4 integrity check value",
		    "no keys for this session");
		return;
	}
	ilen = suite_rakp4_icv_len(s->auth_alg);
	len = rakp_keys_rakp4_input(&s->in, input);
	if (f->o.explain) {
		follow_say(f,
		    "RAKP 4 proves to the console that the BMC derived "
		    "the same SIK, so the session keys agree:");
		follow_say(f,
		    "  ICV = %s(SIK, Rm | SIDc | GUIDc), first %zu "
		    "bytes",
		    follow_hmac_name(s->auth_alg), ilen);
		follow_fields(f, s, "RcG");
		follow_value(f, "  input", input, len, 0);
	}
	if (s->auth_alg == AUTH_ALG_RAKP_NONE) {
		follow_say(f, "=> RAKP-none: nothing is proven");
		f->last = (int)(s - f->s);
		return;
	}
	if (!f->o.have_password && !f->o.kg_set && !s->logged) {
		follow_unverifiable(
		    f, "RAKP 4 integrity check value", "no password given");
		return;
	}
	if (rakp_keys_rakp4_icv(s->auth_alg, s->sik, &s->in, want) != 0)
		return;
	follow_value(f, "  expected", want, ilen, 0);
	follow_verdict(f, "RAKP 4 ICV (the BMC has the same SIK)",
	    m.icv_len == ilen && ct_memeq(m.icv, want, ilen));
	f->last = (int)(s - f->s);
}

/* ---- in-session packets ---- */

static const char *
follow_integ_formula(uint8_t integ_alg)
{
	switch (integ_alg) {
	case INTEG_ALG_HMAC_SHA1_96:
		return "HMAC-SHA1(K1, data), first 12 bytes";
	case INTEG_ALG_HMAC_MD5_128:
		return "HMAC-MD5(K1, data)";
	case INTEG_ALG_MD5_128:
		return "MD5(Kuid | data | Kuid)";
	case INTEG_ALG_HMAC_SHA256_128:
		return "HMAC-SHA256(K1, data), first 16 bytes";
	default:
		return "none";
	}
}

static void
follow_decrypt(
    struct follow *f, struct follow_session *s, const struct rmcpp_packet *p)
{
	uint8_t	  plain[FOLLOW_PLAIN_MAX], iv[16], b, padlen;
	struct rd r;
	size_t	  plen, i;
	char	  ind[64];
	int	  rc;

	rd_init(&r, p->payload, p->payload_len);
	if (rd_bytes(&r, iv, sizeof(iv)) != 0) {
		f->st.failed++;
		follow_say(f, "=> encrypted payload shorter than its IV");
		return;
	}
	if (f->o.explain) {
		follow_say(f,
		    "Confidentiality (AES-CBC-128, §13.29): payload = "
		    "IV | AES-CBC(K2[0..15], IV, message | 01h 02h .. "
		    "n | n)");
		follow_say(f,
		    "  the pad makes message + pad + pad length a "
		    "multiple of 16 bytes; a fresh random IV per "
		    "packet");
		follow_value(f, "  IV", iv, sizeof(iv), 0);
	}
	rc = protect_decrypt(
	    &s->keys, p->payload, p->payload_len, plain, sizeof(plain), &plen);
	if (rc != 0) {
		f->st.failed++;
		follow_say(f, "=> decryption: FAILED (%s)", err_str(rc));
		return;
	}
	f->st.decrypted++;
	/* The pad sits after the message inside the ciphertext. */
	padlen = (uint8_t)((p->payload_len - 16) - plen - 1);
	if (f->o.explain) {
		fprintf(f->fp, "%s  confidentiality pad: %u byte%s", f->indent,
		    padlen, padlen == 1 ? "" : "s");
		for (i = 0; i < padlen; i++) {
			b = (uint8_t)(i + 1);
			fprintf(f->fp, " %02x", b);
		}
		fprintf(f->fp, ", then pad length %02x\n", padlen);
	}
	follow_say(f, "=> decrypted with K2: %zu byte%s of %s", plen,
	    plen == 1 ? "" : "s", names_payload_type(p->payload_type));
	snprintf(ind, sizeof(ind), "%s  ", f->indent);
	if (p->payload_type == RMCPP_PT_IPMI) {
		if (describe_ipmi_msg(f->fp, ind, plain, plen) != 0)
			f->st.failed++;
	} else
		hexdump_fp(f->fp, ind, plain, plen);
	ct_wipe(plain, sizeof(plain));
}

/*
 * A session sequence number seen before in the same direction: a
 * retransmission or a replay, which the receiver's sliding window accepts
 * once (IPMI 2.0 §6.12.13).  Said, not counted as a failure.
 */
static void
follow_sequence(
    struct follow *f, struct follow_session *s, int to_bmc, uint32_t seq)
{
	uint32_t *top = &s->seq_top[to_bmc], *seen = &s->seq_seen[to_bmc];
	uint32_t  back;

	if (seq == 0)
		return;
	if (seq > *top) {
		*seen = seq - *top >= 32 ? 0 : *seen << (seq - *top);
		*seen |= 1;
		*top = seq;
		return;
	}
	back = *top - seq;
	if (back >= 32)
		follow_say(f,
		    "=> sequence number %u: far behind %u, outside "
		    "any window",
		    seq, *top);
	else if (*seen & 1u << back)
		follow_say(f,
		    "=> sequence number %u seen before in this direction: a "
		    "retransmission or a replay (a BMC's window drops it)",
		    seq);
	else
		*seen |= 1u << back;
}

static void
follow_session_packet(struct follow *f, struct rd *r, struct rmcpp_packet *p)
{
	struct follow_session *s;
	uint8_t		       want[RMCPP_AUTHCODE_MAX];
	size_t		       ilen;
	int		       to_bmc;

	if ((s = follow_by_bmc(f, p->session_id)) != NULL)
		to_bmc = 1;
	else if ((s = follow_by_console(f, p->session_id)) != NULL)
		to_bmc = 0;
	else {
		if (p->authenticated || p->encrypted)
			follow_unverifiable(f, "integrity and confidentiality",
			    "no handshake seen for this session ID");
		return;
	}
	if (f->o.explain)
		follow_say(f, "(in session: %s, to the %s)",
		    to_bmc ? "console -> BMC" : "BMC -> console",
		    to_bmc ? "BMC's session ID" : "console's session ID");
	follow_sequence(f, s, to_bmc, p->seq);
	if (!s->keys_ready) {
		follow_unverifiable(f, "integrity", "handshake incomplete");
		return;
	}
	if (p->authenticated) {
		ilen = suite_integ_len(s->integ_alg);
		if (rmcpp_decode_trailer(r, ilen, p) != 0) {
			f->st.failed++;
			follow_say(f, "=> integrity trailer: does not fit %s",
			    names_integ_alg(s->integ_alg));
			return;
		}
		if (f->o.explain) {
			follow_say(f,
			    "Integrity (§13.28.4): the trailer pads "
			    "with %u x ffh so that auth type .. next "
			    "header is a multiple of 4 bytes, then "
			    "the pad length and next header 07h;",
			    p->pad_len);
			follow_say(f,
			    "  auth code = %s over those %zu bytes "
			    "(datagram offsets 4..%zu)",
			    follow_integ_formula(s->integ_alg),
			    p->integrity_len, 4 + p->integrity_len - 1);
			follow_value(f, "  data", p->integrity_data,
			    p->integrity_len, 0);
		}
		if (!f->o.have_password && !f->o.kg_set && !s->logged) {
			follow_unverifiable(
			    f, "integrity", "no password given");
		} else if (protect_integrity(&s->keys, p->integrity_data,
			       p->integrity_len, want) == 0) {
			if (f->o.explain)
				follow_value(f, "  expected", want, ilen, 0);
			else
				follow_say(f, "integrity: %s over bytes 4..%zu",
				    follow_integ_formula(s->integ_alg),
				    4 + p->integrity_len - 1);
			follow_verdict(f,
			    "integrity (sender holds K1, bytes "
			    "unchanged)",
			    ct_memeq(p->authcode, want, ilen));
		}
	}
	if (p->encrypted) {
		if (!f->o.have_password && !f->o.kg_set && !s->logged)
			follow_unverifiable(
			    f, "encrypted payload", "no password given");
		else
			follow_decrypt(f, s, p);
	}
}

static void
follow_rmcpp(struct follow *f, struct rd *r)
{
	struct rmcpp_packet p;

	if (rmcpp_decode_header(r, &p) != 0)
		return;
	if (p.session_id != 0 &&
	    (p.payload_type == RMCPP_PT_IPMI ||
		p.payload_type == RMCPP_PT_SOL ||
		p.payload_type == RMCPP_PT_OEM_EXPLICIT)) {
		follow_session_packet(f, r, &p);
		return;
	}
	switch (p.payload_type) {
	case RMCPP_PT_OPEN_SESSION_REQ:
		follow_open_req(f, p.payload, p.payload_len);
		break;
	case RMCPP_PT_OPEN_SESSION_RSP:
		follow_open_rsp(f, p.payload, p.payload_len);
		break;
	case RMCPP_PT_RAKP1:
		follow_rakp1(f, p.payload, p.payload_len);
		break;
	case RMCPP_PT_RAKP2:
		follow_rakp2(f, p.payload, p.payload_len);
		break;
	case RMCPP_PT_RAKP3:
		follow_rakp3(f, p.payload, p.payload_len);
		break;
	case RMCPP_PT_RAKP4:
		follow_rakp4(f, p.payload, p.payload_len);
		break;
	default:
		break;
	}
}

/* IPMI 1.5: every auth code is keyed by the password alone. */
static void
follow_ipmi15(struct follow *f, struct rd *r)
{
	struct ipmi15_session s;
	uint8_t		      want[AUTHCODE15_LEN];

	if (ipmi15_decode(r, &s) != 0 || s.authtype == IPMI15_AUTHTYPE_NONE)
		return;
	if (f->o.explain) {
		if (s.authtype == IPMI15_AUTHTYPE_STRAIGHT)
			follow_say(f,
			    "IPMI 1.5 auth code: the password itself, "
			    "in clear (auth type PASSWORD)");
		else
			follow_say(f,
			    "IPMI 1.5 auth code (§22.17.1): %s(password "
			    "| session ID | message | session seq | "
			    "password), password zero-padded to 16 "
			    "bytes, ID and seq little-endian",
			    names_authtype(s.authtype));
		follow_value(f, "  password", f->o.password, 16, 1);
	}
	if (!f->o.have_password) {
		follow_unverifiable(
		    f, "IPMI 1.5 auth code", "no password given");
		return;
	}
	if (authcode15_compute(s.authtype, f->o.password, s.session_id, s.msg,
		s.msg_len, s.seq, want) != 0) {
		follow_unverifiable(f, "IPMI 1.5 auth code", "OEM auth type");
		return;
	}
	follow_value(f, "  expected", want, sizeof(want),
	    s.authtype == IPMI15_AUTHTYPE_STRAIGHT);
	follow_verdict(f, "IPMI 1.5 auth code (the sender knows the password)",
	    ct_memeq(s.authcode, want, sizeof(want)));
}

int
follow_datagram(
    struct follow *f, FILE *fp, const char *indent, const uint8_t *p, size_t n)
{
	struct rmcp_header h;
	struct rd	   r;
	uint8_t		   authtype;
	unsigned	   failed = f->st.failed;

	f->fp = fp;
	f->indent = indent != NULL ? indent : "";
	rd_init(&r, p, n);
	if (rmcp_decode_header(&r, &h) != 0 ||
	    (h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_IPMI ||
	    (h.class_byte & RMCP_CLASS_ACK) != 0 ||
	    rd_peek_u8(&r, &authtype) != 0)
		return 0;
	if (authtype == IPMI15_AUTHTYPE_RMCPP)
		follow_rmcpp(f, &r);
	else
		follow_ipmi15(f, &r);
	return (int)(f->st.failed - failed);
}

int
follow_peek_msg(struct follow *f, const uint8_t *p, size_t n, uint8_t *msg,
    size_t cap, size_t *len)
{
	struct rmcp_header     h;
	struct rmcpp_packet    pkt;
	struct ipmi15_session  s15;
	struct follow_session *s;
	struct rd	       r;
	uint8_t		       authtype;

	rd_init(&r, p, n);
	if (rmcp_decode_header(&r, &h) != 0 ||
	    (h.class_byte & RMCP_CLASS_MASK) != RMCP_CLASS_IPMI ||
	    rd_peek_u8(&r, &authtype) != 0)
		return ERR_FORMAT;
	if (authtype != IPMI15_AUTHTYPE_RMCPP) {
		if (ipmi15_decode(&r, &s15) != 0 || s15.msg_len > cap)
			return ERR_FORMAT;
		memcpy(msg, s15.msg, s15.msg_len);
		*len = s15.msg_len;
		return 0;
	}
	if (rmcpp_decode_header(&r, &pkt) != 0 ||
	    pkt.payload_type != RMCPP_PT_IPMI)
		return ERR_FORMAT;
	if (!pkt.encrypted) {
		if (pkt.payload_len > cap)
			return ERR_NOSPACE;
		memcpy(msg, pkt.payload, pkt.payload_len);
		*len = pkt.payload_len;
		return 0;
	}
	if ((s = follow_by_bmc(f, pkt.session_id)) == NULL &&
	    (s = follow_by_console(f, pkt.session_id)) == NULL)
		return ERR_NOT_FOUND;
	if (!s->keys_ready)
		return ERR_NOT_FOUND;
	return protect_decrypt(
	    &s->keys, pkt.payload, pkt.payload_len, msg, cap, len);
}
