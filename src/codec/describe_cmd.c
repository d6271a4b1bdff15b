/*
 * Command data, field by field.  Each command is a row of the table at
 * the end: its request fields, its response fields (after the completion
 * code) and its command-specific completion codes, from the IPMI 2.0
 * specification (section given per command), DCMI 1.5, PICMG 3.0 and
 * HPM.1/HPM.2.  A field is a length, a name, flags and a function that
 * says what the bytes mean; the walker (describe_cmd_walk) prints one line
 * per field with the record describers' printer (describe_records.c).
 *
 * Fields flagged DC_OPT may be absent (the specification makes them
 * optional, or a client sends the short form): the walk stops quietly
 * there.  DC_SAME fields describe the byte of the field before again
 * (a byte holding several fields).  DC_REST fields take what is left.
 * What the data lacks or has too many is said on its line, never fatal:
 * a describer that cannot be wrong about the datagram's framing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cursor.h"
#include "describe.h"
#include "describe_cmd.h"
#include "describe_records.h"
#include "err.h"
#include "ipmimsg.h"
#include "names.h"

#define DC_OPT	0x01 /* may be absent: the walk ends quietly */
#define DC_SAME 0x02 /* the previous field's byte again */
#define DC_REST 0x04 /* whatever is left (len 0) */
#define DC_SDR	0x08 /* the rest is an SDR: described when whole */
#define DC_SEL	0x10 /* a 16-byte SEL record */
#define DC_FRU	0x20 /* the rest is FRU data: described when an image */

/* The group extension's defining body codes (IPMI 2.0 table 5-1). */
#define BODY_PICMG 0x00
#define BODY_VSO   0x03
#define BODY_DCMI  0xdc
#define BODY_NONE  0x100

typedef void dc_say_fn(char *, size_t, struct rd *);

struct dc_field {
	uint8_t	    len;
	uint8_t	    flags;
	const char *name;
	dc_say_fn  *say;
};

struct dc_cc {
	uint8_t	    cc;
	const char *meaning;
};

struct dc_cmd {
	uint8_t		       netfn; /* the request's */
	uint8_t		       cmd;
	uint16_t	       body; /* netFn 2Ch: the defining body */
	const char	      *name; /* netFn 2Ch only: names.c has the rest */
	const struct dc_field *req;
	const struct dc_field *rsp;
	const struct dc_cc    *cc;
};

/* ---- meanings ---- */

static unsigned
dc_byte(struct rd *v)
{
	return rdesc_get8(v);
}

static void
say_u8(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%u", dc_byte(v));
}

static void
say_u16(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%u", rdesc_get16(v));
}

static void
say_u32(char *o, size_t cap, struct rd *v)
{
	uint32_t x = 0;

	(void)rd_u32le(v, &x);
	rdesc_sayf(o, cap, "%u", x);
}

static void
say_id16(char *o, size_t cap, struct rd *v)
{
	rdesc_say_record_id(o, cap, v);
}

static void
say_sid(char *o, size_t cap, struct rd *v)
{
	uint32_t x = 0;

	(void)rd_u32le(v, &x);
	rdesc_sayf(o, cap, "0x%08x", x);
}

static void
say_iana(char *o, size_t cap, struct rd *v)
{
	unsigned a = dc_byte(v), b = dc_byte(v), c = dc_byte(v);
	unsigned x = a | b << 8 | c << 16;

	rdesc_sayf(o, cap, "%u%s", x,
	    x == 7154	    ? " (IPMI forum)"
		: x == 343  ? " (Intel)"
		: x == 4753 ? " (OpenIPMI simulator)"
		: x == 400  ? " (DMTF)"
			    : "");
}

/* Seconds since 1970 (IPMI 2.0 §37), as the SEL and SDR time stamps. */
static void
say_time(char *o, size_t cap, struct rd *v)
{
	uint32_t  t = 0;
	time_t	  tt;
	struct tm tm;
	char	  when[32];

	(void)rd_u32le(v, &t);
	if (t == 0xffffffff) {
		rdesc_sayf(o, cap, "%u (unspecified)", t);
		return;
	}
	if (t <= 0x20000000) {
		rdesc_sayf(o, cap, "%u (s since the BMC started)", t);
		return;
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	rdesc_sayf(o, cap, "%u (%s)", t, when);
}

/* Small multi-byte values shown whole, as they travel. */
static void
say_hexbytes(char *o, size_t cap, struct rd *v)
{
	size_t	len = 0;
	uint8_t b;

	o[0] = '\0';
	while (len + 4 < cap && rd_u8(v, &b) == 0)
		len += (size_t)snprintf(
		    o + len, cap - len, "%s%02xh", len ? " " : "", b);
}

static void
say_bytes(char *o, size_t cap, struct rd *v)
{
	size_t n = rd_left(v);

	rdesc_sayf(o, cap, "%zu byte%s", n, n == 1 ? "" : "s");
}

static void
say_text(char *o, size_t cap, struct rd *v)
{
	char   t[RD_MEANING_MAX - 4];
	size_t n = rd_left(v);

	/* NUL padding ends the text. */
	rdesc_text(t, sizeof(t), 3, rd_pos(v), n);
	while (n > 0 && rd_pos(v)[n - 1] == 0)
		n--;
	rdesc_text(t, sizeof(t), 3, rd_pos(v), n);
	rdesc_sayf(o, cap, "\"%s\"", t);
}

static void
say_password(char *o, size_t cap, struct rd *v)
{
	size_t n = rd_left(v);

	/* The describer prints bytes; the meaning says what they are. */
	rdesc_sayf(o, cap,
	    "%zu bytes, the password in clear (the session "
	    "must be encrypted)",
	    n);
}

/* GUIDs travel least significant byte first (IPMI 2.0 §20.8). */
static void
say_guid(char *o, size_t cap, struct rd *v)
{
	uint8_t g[16];
	size_t	i;

	memset(g, 0, sizeof(g));
	for (i = 0; i < 16; i++)
		g[15 - i] = (uint8_t)dc_byte(v);
	rdesc_sayf(o, cap,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10],
	    g[11], g[12], g[13], g[14], g[15]);
}

static void
say_priv(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s", names_priv((uint8_t)(b & 0x0f)));
}

static void
say_chan(char *o, size_t cap, struct rd *v)
{
	unsigned c = dc_byte(v) & 0x0f;

	rdesc_sayf(o, cap, "%u%s", c,
	    c == 0x0e	    ? " (this channel)"
		: c == 0x0f ? " (system interface)"
		: c == 0    ? " (primary IPMB)"
			    : "");
}

static void
say_user(char *o, size_t cap, struct rd *v)
{
	unsigned u = dc_byte(v) & 0x3f;

	rdesc_sayf(o, cap, "%u%s", u, u == 1 ? " (the null user)" : "");
}

static void
say_sensor(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "sensor %u", dc_byte(v));
}

static void
say_count6(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%u", dc_byte(v) & 0x3f);
}

/* BCD version as the SDR and SEL info return it: 51h = 1.5. */
static void
say_version_bcd(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%02xh (%u.%u)", b, b & 0x0f, b >> 4);
}

/* Temperatures and thresholds: a raw reading, converted by the SDR. */
static void
say_raw(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "raw %u (the SDR's formula converts it)", b);
}

static void
say_deciseconds(char *o, size_t cap, struct rd *v)
{
	unsigned t = rdesc_get16(v);

	rdesc_sayf(o, cap, "%u (%u.%u s)", t, t / 10, t % 10);
}

static void
say_seconds(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%u s", dc_byte(v));
}

static void
say_watts(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%u W", rdesc_get16(v));
}

static void
say_ms32(char *o, size_t cap, struct rd *v)
{
	uint32_t x = 0;

	(void)rd_u32le(v, &x);
	rdesc_sayf(o, cap, "%u ms", x);
}

static void
say_minutes_s16(char *o, size_t cap, struct rd *v)
{
	uint16_t w = rdesc_get16(v);

	if (w == 0x07ff)
		rdesc_sayf(o, cap, "07ffh (unspecified)");
	else
		rdesc_sayf(o, cap, "%d minutes from UTC", (int16_t)w);
}

static void
say_bytes_to_read(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	if (b == 0xff)
		rdesc_sayf(o, cap, "FFh (the entire record)");
	else
		rdesc_sayf(o, cap, "%u", b);
}

/* An enumerated value under a mask, with its name. */
static void
dc_enum(char *o, size_t cap, struct rd *v, uint8_t mask, unsigned shift,
    const char *const *names, size_t n)
{
	unsigned x = (dc_byte(v) & mask) >> shift;

	rdesc_sayf(o, cap, "%u (%s)", x, rdesc_name_of(names, n, x));
}

/* The names of the bits set (bit 0 first), or what none means. */
static void
dc_bits(
    char *o, size_t cap, unsigned b, const char *const *names, const char *none)
{
	size_t len = 0;
	int    i, any = 0;

	o[0] = '\0';
	for (i = 0; i < 8; i++) {
		if (!(b & 1u << i) || names[i] == NULL)
			continue;
		len += (size_t)snprintf(o + len, len < cap ? cap - len : 0,
		    "%s%s", any ? ", " : "", names[i]);
		any = 1;
		if (len >= cap)
			return;
	}
	if (!any)
		snprintf(o, cap, "%s", none);
}

#define DC_ENUM_FN(fn, mask, shift, ...) \
	static void fn(char *o, size_t cap, struct rd *v) \
	{ \
		static const char *const t[] = {__VA_ARGS__}; \
		dc_enum(o, cap, v, mask, shift, t, NELEM(t)); \
	}

#define DC_BITS_FN(fn, none, ...) \
	static void fn(char *o, size_t cap, struct rd *v) \
	{ \
		static const char *const t[8] = {__VA_ARGS__}; \
		dc_bits(o, cap, dc_byte(v), t, none); \
	}

/* ---- App (§20-§22) ---- */

/* Get Device ID, §20.1. */
static void
say_dev_rev(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "revision %u, %s", b & 0x0f,
	    b & 0x80 ? "provides device SDRs" : "no device SDRs");
}

static void
say_fw1(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "major %u%s", b & 0x7f,
	    b & 0x80 ? ", device busy (update or self-initialisation)"
		     : ", device available");
}

static void
say_fw2(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "minor %x%x (BCD)", b >> 4, b & 0x0f);
}

static void
say_ipmi_version(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "IPMI %u.%u", b & 0x0f, b >> 4);
}

DC_BITS_FN(say_dev_support, "none", "sensor device", "SDR repository",
    "SEL device", "FRU inventory", "IPMB event receiver",
    "IPMB event generator", "bridge", "chassis device")

static const struct dc_field empty[] = {{0, 0, NULL, NULL}};

static const struct dc_field get_device_id_rsp[] = {
    {1, 0, "device ID", rdesc_say_number},
    {1, 0, "device revision", say_dev_rev},
    {1, 0, "firmware revision 1", say_fw1},
    {1, 0, "firmware revision 2", say_fw2},
    {1, 0, "IPMI version", say_ipmi_version},
    {1, 0, "additional device support", say_dev_support},
    {3, 0, "manufacturer ID (IANA)", say_iana},
    {2, 0, "product ID", rdesc_say_hex},
    {4, DC_OPT, "auxiliary firmware revision", say_hexbytes},
    {0, 0, NULL, NULL},
};

/* Get Self Test Results, §20.4. */
static void
say_self_test(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b == 0x55	    ? "no error"
		: b == 0x56 ? "self test not implemented"
		: b == 0x57 ? "corrupted or inaccessible data or devices"
		: b == 0x58 ? "fatal hardware error"
			    : "device-specific failure");
}

DC_BITS_FN(say_self_test_detail, "no failure",
    "controller operational firmware corrupted",
    "controller update boot block corrupted",
    "internal use area of FRU corrupted", "SDR repository empty",
    "IPMB signal lines do not respond", "cannot access BMC FRU device",
    "cannot access SDR repository", "cannot access SEL device")

static const struct dc_field get_self_test_rsp[] = {
    {1, 0, "result", say_self_test},
    {1, 0, "detail", say_self_test_detail},
    {0, 0, NULL, NULL},
};

/* ACPI power states, §20.6. */
static void
say_acpi_system(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"S0/G0 working", "S1", "S2", "S3", "S4",
	    "S5/G2 soft off", "S4/S5", "G3 mechanical off", "sleeping",
	    "G1 sleeping", "S5 override"};
	unsigned		 b = dc_byte(v), s = b & 0x7f;

	rdesc_sayf(o, cap, "%s%s (%02xh)",
	    s == 0x20	    ? "legacy on"
		: s == 0x21 ? "legacy off"
		: s == 0x2a ? "unknown"
		: s == 0x7f ? "no change"
			    : rdesc_name_of(t, NELEM(t), s),
	    b & 0x80 ? ", set" : "", s);
}

static void
say_acpi_device(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"D0", "D1", "D2", "D3"};
	unsigned		 b = dc_byte(v), s = b & 0x7f;

	rdesc_sayf(o, cap, "%s%s (%02xh)",
	    s == 0x2a	    ? "unknown"
		: s == 0x7f ? "no change"
			    : rdesc_name_of(t, NELEM(t), s),
	    b & 0x80 ? ", set" : "", s);
}

static const struct dc_field acpi_fields[] = {
    {1, 0, "system power state", say_acpi_system},
    {1, 0, "device power state", say_acpi_device},
    {0, 0, NULL, NULL},
};

static const struct dc_field guid_rsp[] = {
    {16, 0, "GUID", say_guid},
    {0, 0, NULL, NULL},
};

/* Watchdog, §27.6-§27.7. */
static void
say_wd_use(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {
	    NULL, "BIOS FRB2", "BIOS/POST", "OS load", "SMS/OS", "OEM"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s%s%s", rdesc_name_of(t, NELEM(t), b & 7),
	    b & 0x80 ? ", do not log" : "",
	    b & 0x40 ? ", running (do not stop)" : "");
}

static void
say_wd_actions(char *o, size_t cap, struct rd *v)
{
	static const char *const pre[] = {"no pre-timeout interrupt", "SMI",
	    "NMI / diagnostic interrupt", "messaging interrupt"};
	static const char *const act[] = {
	    "no action", "hard reset", "power down", "power cycle"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "on timeout: %s; %s",
	    rdesc_name_of(act, NELEM(act), b & 7),
	    rdesc_name_of(pre, NELEM(pre), b >> 4 & 7));
}

DC_BITS_FN(say_wd_flags, "none", NULL, "BIOS FRB2", "BIOS/POST", "OS load",
    "SMS/OS", "OEM", NULL, NULL)

static const struct dc_field wd_set_req[] = {
    {1, 0, "timer use", say_wd_use},
    {1, 0, "timer actions", say_wd_actions},
    {1, 0, "pre-timeout interval", say_seconds},
    {1, 0, "expiration flags to clear", say_wd_flags},
    {2, 0, "initial countdown (100 ms)", say_deciseconds},
    {0, 0, NULL, NULL},
};

static const struct dc_field wd_get_rsp[] = {
    {1, 0, "timer use", say_wd_use},
    {1, 0, "timer actions", say_wd_actions},
    {1, 0, "pre-timeout interval", say_seconds},
    {1, 0, "expiration flags", say_wd_flags},
    {2, 0, "initial countdown (100 ms)", say_deciseconds},
    {2, 0, "present countdown (100 ms)", say_deciseconds},
    {0, 0, NULL, NULL},
};

/* BMC global enables and message flags, §22.1-§22.4. */
DC_BITS_FN(say_global_enables, "none enabled",
    "receive message queue interrupt", "event message buffer full interrupt",
    "event message buffer", "system event logging", NULL, "OEM 0", "OEM 1",
    "OEM 2")
DC_BITS_FN(say_msg_flags, "none", "receive message available",
    "event message buffer full", NULL, "watchdog pre-timeout interrupt", NULL,
    "OEM 0", "OEM 1", "OEM 2")

static const struct dc_field global_enables[] = {
    {1, 0, "enables", say_global_enables},
    {0, 0, NULL, NULL},
};

static const struct dc_field msg_flags[] = {
    {1, 0, "flags", say_msg_flags},
    {0, 0, NULL, NULL},
};

/* System info parameters, §22.14a. */
DC_ENUM_FN(say_sysinfo_param, 0x7f, 0, "set in progress",
    "system firmware version", "system name", "primary operating system name",
    "operating system name", "present OS version number", "BMC URL",
    "base OS / hypervisor URL")

static void
say_get_rev_only(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s",
	    b & 0x80 ? "parameter revision only" : "parameter and revision");
}

static const struct dc_field sysinfo_set_req[] = {
    {1, 0, "parameter selector", say_sysinfo_param},
    {0, DC_REST, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field sysinfo_get_req[] = {
    {1, 0, "get", say_get_rev_only},
    {1, 0, "parameter selector", say_sysinfo_param},
    {1, 0, "set selector", say_u8},
    {1, 0, "block selector", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field param_rsp[] = {
    {1, 0, "parameter revision", rdesc_say_hex},
    {0, DC_REST | DC_OPT, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

/* Session commands, §22.13-§22.20. */
static void
say_ext_request(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s",
	    b & 0x80 ? "IPMI 2.0 extended data requested" : "IPMI 1.5 form");
}

DC_BITS_FN(say_auth_support, "none", "NONE", "MD2", "MD5", NULL,
    "straight password", "OEM", NULL, "IPMI 2.0 extended capabilities")

static void
say_auth_status(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap,
	    "%s; per-message auth %s; user-level auth %s; %s%s%s",
	    b & 0x20 ? "K_G set (two-key login)" : "K_G all zero",
	    b & 0x10 ? "off" : "on", b & 0x08 ? "off" : "on",
	    b & 0x04 ? "non-null user names" : "",
	    b & 0x02 ? (b & 0x04 ? ", null user names" : "null user names")
		     : "",
	    b & 0x01 ? (b & 0x06 ? ", anonymous login" : "anonymous login")
		     : "");
}

DC_BITS_FN(say_ext_caps, "none", "IPMI 1.5 sessions", "IPMI 2.0 sessions", NULL,
    NULL, NULL, NULL, NULL, NULL)

static const struct dc_field auth_caps_req[] = {
    {1, 0, "channel", say_chan},
    {1, DC_SAME, "version", say_ext_request},
    {1, 0, "requested maximum privilege", say_priv},
    {0, 0, NULL, NULL},
};

static const struct dc_field auth_caps_rsp[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "auth types", say_auth_support},
    {1, 0, "auth status", say_auth_status},
    {1, 0, "extended capabilities", say_ext_caps},
    {3, 0, "OEM ID", say_iana},
    {1, 0, "OEM auxiliary data", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static void
say_authtype(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v) & 0x0f;

	rdesc_sayf(o, cap, "%s", names_authtype((uint8_t)b));
}

static const struct dc_field challenge_req[] = {
    {1, 0, "auth type", say_authtype},
    {16, 0, "user name", say_text},
    {0, 0, NULL, NULL},
};

static const struct dc_field challenge_rsp[] = {
    {4, 0, "temporary session ID", say_sid},
    {16, 0, "challenge string", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field activate_req[] = {
    {1, 0, "auth type", say_authtype},
    {1, 0, "maximum privilege", say_priv},
    {16, 0, "challenge string", say_bytes},
    {4, 0, "initial outbound sequence", say_u32},
    {0, 0, NULL, NULL},
};

static const struct dc_field activate_rsp[] = {
    {1, 0, "auth type for the session", say_authtype},
    {4, 0, "session ID", say_sid},
    {4, 0, "initial inbound sequence", say_u32},
    {1, 0, "maximum privilege", say_priv},
    {0, 0, NULL, NULL},
};

static void
say_req_priv(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v) & 0x0f;

	if (b == 0)
		rdesc_sayf(o, cap, "0 (no change: return the present level)");
	else
		rdesc_sayf(o, cap, "%s", names_priv((uint8_t)b));
}

static const struct dc_field set_priv_req[] = {
    {1, 0, "requested privilege", say_req_priv},
    {0, 0, NULL, NULL},
};

static const struct dc_field set_priv_rsp[] = {
    {1, 0, "new privilege", say_priv},
    {0, 0, NULL, NULL},
};

static const struct dc_field close_req[] = {
    {4, 0, "session ID", say_sid},
    {1, DC_OPT, "session handle", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static void
say_session_index(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	if (b == 0)
		rdesc_sayf(o, cap, "00h (this session)");
	else if (b == 0xfe)
		rdesc_sayf(o, cap, "FEh (by handle)");
	else if (b == 0xff)
		rdesc_sayf(o, cap, "FFh (by session ID)");
	else
		rdesc_sayf(o, cap, "the %u%s active session", b,
		    b == 1	 ? "st"
			: b == 2 ? "nd"
			: b == 3 ? "rd"
				 : "th");
}

static const struct dc_field session_info_req[] = {
    {1, 0, "session index", say_session_index},
    {0, DC_REST | DC_OPT, "handle or session ID", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static void
say_session_chan(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "channel %u, %s", b & 0x0f,
	    b >> 4 == 1 ? "IPMI 2.0 / RMCP+" : "IPMI 1.5");
}

static const struct dc_field session_info_rsp[] = {
    {1, 0, "session handle", rdesc_say_hex},
    {1, 0, "possible active sessions", say_count6},
    {1, 0, "active sessions", say_count6},
    {1, DC_OPT, "user ID", say_user},
    {1, DC_OPT, "operating privilege", say_priv},
    {1, DC_OPT, "channel and protocol", say_session_chan},
    {0, DC_REST | DC_OPT, "console address and port", say_bytes},
    {0, 0, NULL, NULL},
};

/* Channel access and information, §22.22-§22.24. */
static void
say_access_byte(char *o, size_t cap, struct rd *v)
{
	static const char *const mode[] = {
	    "disabled", "pre-boot only", "always available", "shared"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap,
	    "%s; alerting %s, per-message auth %s, user-level "
	    "auth %s",
	    rdesc_name_of(mode, NELEM(mode), b & 7), b & 0x20 ? "off" : "on",
	    b & 0x10 ? "off" : "on", b & 0x08 ? "off" : "on");
}

static void
say_set_how(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {
	    "do not set", "non-volatile", "volatile (active)", "reserved"};

	rdesc_sayf(o, cap, "%s", t[dc_byte(v) >> 6 & 3]);
}

static const struct dc_field set_chan_access_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "access", say_access_byte},
    {1, DC_SAME, "set access", say_set_how},
    {1, 0, "privilege limit", say_priv},
    {1, DC_SAME, "set privilege limit", say_set_how},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_chan_access_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "which", say_set_how},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_chan_access_rsp[] = {
    {1, 0, "access", say_access_byte},
    {1, 0, "privilege limit", say_priv},
    {0, 0, NULL, NULL},
};

static void
say_medium(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"reserved", "IPMB (I2C)", "ICMB v1.0",
	    "ICMB v0.9", "802.3 LAN", "asynchronous serial/modem", "other LAN",
	    "PCI SMBus", "SMBus v1.0/1.1", "SMBus v2.0", "USB 1.x", "USB 2.x",
	    "system interface"};

	rdesc_sayf(o, cap, "%s", rdesc_name_of(t, NELEM(t), dc_byte(v) & 0x7f));
}

static void
say_protocol(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"reserved", "IPMB-1.0", "ICMB-1.0",
	    "reserved", "IPMI-SMBus", "KCS", "SMIC", "BT-10", "BT-15", "TMode"};

	rdesc_sayf(o, cap, "%s", rdesc_name_of(t, NELEM(t), dc_byte(v) & 0x1f));
}

static void
say_session_support(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {
	    "session-less", "single-session", "multi-session", "session-based"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s, %u active", t[b >> 6], b & 0x3f);
}

static const struct dc_field chan_info_req[] = {
    {1, 0, "channel", say_chan},
    {0, 0, NULL, NULL},
};

static const struct dc_field chan_info_rsp[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "medium", say_medium},
    {1, 0, "protocol", say_protocol},
    {1, 0, "sessions", say_session_support},
    {3, 0, "vendor ID", say_iana},
    {2, 0, "auxiliary information", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

/* Users, §22.26-§22.30. */
static void
say_user_access_flags(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s%s%s%s", b & 0x80 ? "change the bits; " : "",
	    b & 0x40 ? "callback only" : "not callback only",
	    b & 0x20 ? ", link auth" : "",
	    b & 0x10 ? ", IPMI messaging" : ", no IPMI messaging");
}

static const struct dc_field set_user_access_req[] = {
    {1, 0, "channel", say_chan},
    {1, DC_SAME, "access", say_user_access_flags},
    {1, 0, "user ID", say_user},
    {1, 0, "privilege limit", say_priv},
    {1, DC_OPT, "session limit", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_user_access_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "user ID", say_user},
    {0, 0, NULL, NULL},
};

static void
say_enabled_users(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%u", b & 0x3f);
}

static const struct dc_field get_user_access_rsp[] = {
    {1, 0, "maximum user IDs", say_count6},
    {1, 0, "enabled user IDs", say_enabled_users},
    {1, 0, "fixed-name user IDs", say_count6},
    {1, 0, "privilege limit", say_priv},
    {1, DC_SAME, "access", say_user_access_flags},
    {0, 0, NULL, NULL},
};

static const struct dc_field set_user_name_req[] = {
    {1, 0, "user ID", say_user},
    {16, 0, "user name", say_text},
    {0, 0, NULL, NULL},
};

static const struct dc_field user_id_req[] = {
    {1, 0, "user ID", say_user},
    {0, 0, NULL, NULL},
};

static const struct dc_field user_name_rsp[] = {
    {16, 0, "user name", say_text},
    {0, 0, NULL, NULL},
};

static void
say_pw_user(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "user %u, %s", b & 0x3f,
	    b & 0x80 ? "20-byte password" : "16-byte password");
}

DC_ENUM_FN(say_pw_op, 0x03, 0, "disable user", "enable user", "set password",
    "test password")

static const struct dc_field set_user_password_req[] = {
    {1, 0, "user ID", say_pw_user},
    {1, 0, "operation", say_pw_op},
    {0, DC_REST | DC_OPT, "password", say_password},
    {0, 0, NULL, NULL},
};

/* Get Channel Cipher Suites, §22.15: records of algorithm numbers. */
static void
say_cs_index(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s, block %u (16 bytes each)",
	    b & 0x80 ? "by cipher suite" : "supported algorithms", b & 0x3f);
}

static const struct dc_field cipher_suites_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "payload type", rdesc_say_hex},
    {1, 0, "list index", say_cs_index},
    {0, 0, NULL, NULL},
};

static void
say_suite_records(char *o, size_t cap, struct rd *v)
{
	size_t	len = 0;
	uint8_t b;

	o[0] = '\0';
	/* C0h starts a standard record: the suite ID, then its algorithms. */
	while (rd_u8(v, &b) == 0 && len < cap) {
		if (b == 0xc0 && rd_u8(v, &b) == 0)
			len += (size_t)snprintf(o + len, cap - len,
			    "%ssuite %u:", len ? "; " : "", b);
		else if (b == 0xc1)
			len += (size_t)snprintf(
			    o + len, cap - len, "%sOEM suite", len ? "; " : "");
		else if (b < 0x40)
			len += (size_t)snprintf(o + len, cap - len, " %s",
			    names_auth_alg(b & 0x3f));
		else if (b < 0x80)
			len += (size_t)snprintf(o + len, cap - len, " %s",
			    names_integ_alg(b & 0x3f));
		else if (b < 0xc0)
			len += (size_t)snprintf(o + len, cap - len, " %s",
			    names_conf_alg(b & 0x3f));
	}
}

static const struct dc_field cipher_suites_rsp[] = {
    {1, 0, "channel", say_chan},
    {0, DC_REST | DC_OPT, "suite records (this block)", say_suite_records},
    {0, 0, NULL, NULL},
};

/* Send Message, §22.7: a message for another channel, inside. */
static void
say_send_chan(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {
	    "no tracking", "track request", "send raw", "reserved"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "channel %u, %s%s%s", b & 0x0f, t[b >> 6],
	    b & 0x20 ? ", encrypted" : "", b & 0x10 ? ", authenticated" : "");
}

static const struct dc_field send_msg_req[] = {
    {1, 0, "channel", say_send_chan},
    {0, DC_REST, "message data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field rest_rsp[] = {
    {0, DC_REST | DC_OPT, "response data", say_bytes},
    {0, 0, NULL, NULL},
};

/* Set Channel Security Keys, §22.25. */
DC_ENUM_FN(say_key_op, 0x03, 0, "read key", "set key", "lock key")
DC_ENUM_FN(say_key_id, 0xff, 0, "K_R", "K_G")
DC_ENUM_FN(say_lock, 0x03, 0, "not lockable", "locked", "unlocked", "lockable")

static const struct dc_field chan_keys_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "operation", say_key_op},
    {1, 0, "key", say_key_id},
    {0, DC_REST | DC_OPT, "key value", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field chan_keys_rsp[] = {
    {1, 0, "lock status", say_lock},
    {0, DC_REST | DC_OPT, "key value", say_bytes},
    {0, 0, NULL, NULL},
};

/* Activate / Deactivate Payload, §24.1-§24.2 (SOL is payload 1). */
static void
say_payload_type(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v) & 0x3f;

	rdesc_sayf(o, cap, "%s", names_payload_type((uint8_t)b));
}

static const struct dc_field activate_payload_req[] = {
    {1, 0, "payload type", say_payload_type},
    {1, 0, "payload instance", say_u8},
    {4, 0, "auxiliary data", say_hexbytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field activate_payload_rsp[] = {
    {4, 0, "auxiliary data", say_hexbytes},
    {2, 0, "inbound payload size", say_u16},
    {2, 0, "outbound payload size", say_u16},
    {2, 0, "payload UDP port", say_u16},
    {2, 0, "payload VLAN", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static const struct dc_field deactivate_payload_req[] = {
    {1, 0, "payload type", say_payload_type},
    {1, 0, "payload instance", say_u8},
    {4, 0, "auxiliary data", say_hexbytes},
    {0, 0, NULL, NULL},
};

/* ---- Chassis (§28) ---- */

DC_BITS_FN(say_chassis_caps, "none", "physical intrusion sensor",
    "front panel lockout", "diagnostic interrupt", "power interlock", NULL,
    NULL, NULL, NULL)

static const struct dc_field chassis_caps_rsp[] = {
    {1, 0, "capabilities", say_chassis_caps},
    {1, 0, "FRU device address", rdesc_say_hex},
    {1, 0, "SDR device address", rdesc_say_hex},
    {1, 0, "SEL device address", rdesc_say_hex},
    {1, 0, "system management device address", rdesc_say_hex},
    {1, DC_OPT, "bridge device address", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static void
say_power_state(char *o, size_t cap, struct rd *v)
{
	static const char *const pol[] = {
	    "stays off", "restores the previous state", "powers on", "unknown"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "power %s%s%s%s%s; after AC loss it %s",
	    b & 1 ? "on" : "off", b & 2 ? ", overload" : "",
	    b & 4 ? ", interlock" : "", b & 8 ? ", power fault" : "",
	    b & 0x10 ? ", control fault" : "", pol[b >> 5 & 3]);
}

DC_BITS_FN(say_last_event, "none since the last power on", "AC failed",
    "overload", "interlock", "fault", "turned on by IPMI command", NULL, NULL,
    NULL)

static void
say_misc_chassis(char *o, size_t cap, struct rd *v)
{
	static const char *const id[] = {
	    "off", "timed on", "indefinite on", "reserved"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s%s%s%sidentify %s", b & 1 ? "intrusion, " : "",
	    b & 2 ? "front panel lockout, " : "", b & 4 ? "drive fault, " : "",
	    b & 8 ? "cooling fault, " : "",
	    b & 0x40 ? id[b >> 4 & 3] : "state not reported");
}

static const struct dc_field chassis_status_rsp[] = {
    {1, 0, "current power state", say_power_state},
    {1, 0, "last power event", say_last_event},
    {1, 0, "misc. chassis state", say_misc_chassis},
    {1, DC_OPT, "front panel buttons", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_chassis_control, 0x0f, 0, "power down", "power up",
    "power cycle", "hard reset", "pulse diagnostic interrupt",
    "soft shutdown (ACPI)")

static const struct dc_field chassis_control_req[] = {
    {1, 0, "control", say_chassis_control},
    {0, 0, NULL, NULL},
};

static const struct dc_field identify_req[] = {
    {1, DC_OPT, "interval", say_seconds},
    {1, DC_OPT, "force on", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_restore_policy, 0x07, 0, "stay off", "restore previous",
    "always on", "no change (get supported)")
DC_BITS_FN(say_restore_support, "none", "stay off", "restore previous",
    "always on", NULL, NULL, NULL, NULL, NULL)

static const struct dc_field restore_req[] = {
    {1, 0, "policy", say_restore_policy},
    {0, 0, NULL, NULL},
};

static const struct dc_field restore_rsp[] = {
    {1, 0, "supported policies", say_restore_support},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_restart_cause, 0x0f, 0, "unknown", "Chassis Control command",
    "reset button", "power button", "watchdog expiration", "OEM",
    "automatic power-up (always on)", "automatic power-up (restore previous)",
    "PEF reset", "PEF power cycle", "soft reset", "real-time clock wake-up")

static const struct dc_field restart_cause_rsp[] = {
    {1, 0, "restart cause", say_restart_cause},
    {1, 0, "channel", say_chan},
    {0, 0, NULL, NULL},
};

/* Boot options, §28.12-§28.13. */
static void
say_boot_param(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"set in progress",
	    "service partition selector", "service partition scan",
	    "BMC boot flag valid bit clearing", "boot info acknowledge",
	    "boot flags", "boot initiator info", "boot initiator mailbox"};
	unsigned		 b = dc_byte(v);

	rdesc_sayf(o, cap, "%u (%s)%s", b & 0x7f,
	    rdesc_name_of(t, NELEM(t), b & 0x7f),
	    b & 0x80 ? ", marked invalid" : "");
}

static const struct dc_field boot_set_req[] = {
    {1, 0, "parameter selector", say_boot_param},
    {0, DC_REST | DC_OPT, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field boot_get_req[] = {
    {1, 0, "parameter selector", say_boot_param},
    {1, 0, "set selector", say_u8},
    {1, 0, "block selector", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field boot_get_rsp[] = {
    {1, 0, "parameter version", rdesc_say_hex},
    {1, 0, "parameter", say_boot_param},
    {0, DC_REST | DC_OPT, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field poh_rsp[] = {
    {1, 0, "minutes per count", say_u8},
    {4, 0, "counter", say_u32},
    {0, 0, NULL, NULL},
};

/* ---- Sensor/Event (§29, §35) ---- */

static void
say_event_dir(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s, event type %02xh (%s)",
	    b & 0x80 ? "deassertion" : "assertion", b & 0x7f,
	    rdesc_event_type((uint8_t)b));
}

static const struct dc_field platform_event_req[] = {
    {1, 0, "event message revision", rdesc_say_hex},
    {1, 0, "sensor type", rdesc_say_sensor_type},
    {1, 0, "sensor number", say_sensor},
    {1, 0, "event dir / type", say_event_dir},
    {1, 0, "event data 1", rdesc_say_hex},
    {1, DC_OPT, "event data 2", rdesc_say_hex},
    {1, DC_OPT, "event data 3", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static void
say_sdr_info_op(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%s",
	    dc_byte(v) & 1 ? "count the SDRs" : "count the sensors");
}

static const struct dc_field dev_sdr_info_req[] = {
    {1, DC_OPT, "operation", say_sdr_info_op},
    {0, 0, NULL, NULL},
};

static void
say_dev_sdr_flags(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%s sensor population, LUNs with sensors: %s%s%s%s",
	    b & 0x80 ? "dynamic" : "static", b & 1 ? "0 " : "",
	    b & 2 ? "1 " : "", b & 4 ? "2 " : "", b & 8 ? "3" : "");
}

static const struct dc_field dev_sdr_info_rsp[] = {
    {1, 0, "count", say_u8},
    {1, 0, "flags", say_dev_sdr_flags},
    {4, DC_OPT, "population change indicator", say_u32},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_sdr_req[] = {
    {2, 0, "reservation ID", rdesc_say_hex},
    {2, 0, "record ID", say_id16},
    {1, 0, "offset into record", say_u8},
    {1, 0, "bytes to read", say_bytes_to_read},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_sdr_rsp[] = {
    {2, 0, "next record ID", say_id16},
    {0, DC_REST | DC_SDR, "record data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field reservation_rsp[] = {
    {2, 0, "reservation ID", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static const struct dc_field sensor_req[] = {
    {1, 0, "sensor number", say_sensor},
    {0, 0, NULL, NULL},
};

static const struct dc_field reading_factors_req[] = {
    {1, 0, "sensor number", say_sensor},
    {1, 0, "reading byte", say_u8},
    {0, 0, NULL, NULL},
};

/* Sign-extends the low bits of x. */
static int
dc_signed(unsigned x, unsigned bits)
{
	return (x & 1u << (bits - 1)) ? (int)x - (1 << bits) : (int)x;
}

/*
 * The linearisation factors, §35.5 and §43.1: M and B are 10-bit two's
 * complement numbers split over two bytes, the exponents 4-bit signed.
 */
static void
say_factors(char *o, size_t cap, struct rd *v)
{
	unsigned b[6];
	size_t	 i;
	int	 m, bb, k1, k2;

	for (i = 0; i < 6; i++)
		b[i] = dc_byte(v);
	m = dc_signed(b[0] | (b[1] & 0xc0) << 2, 10);
	bb = dc_signed(b[2] | (b[3] & 0xc0) << 2, 10);
	k2 = dc_signed(b[5] >> 4, 4);
	k1 = dc_signed(b[5] & 0x0f, 4);
	rdesc_sayf(o, cap,
	    "M = %d, tolerance %u, B = %d, accuracy %u, K1 (B exp) = %d, "
	    "K2 (R exp) = %d: y = (M x + B 10^K1) 10^K2",
	    m, b[1] & 0x3f, bb, (b[3] & 0x3f) | (b[4] & 0xf0) << 2, k1, k2);
}

static const struct dc_field reading_factors_rsp[] = {
    {1, 0, "next reading", say_u8},
    {6, 0, "factors", say_factors},
    {0, 0, NULL, NULL},
};

static const struct dc_field set_hysteresis_req[] = {
    {1, 0, "sensor number", say_sensor},
    {1, 0, "hysteresis mask", rdesc_say_hex},
    {1, 0, "positive-going hysteresis", say_raw},
    {1, 0, "negative-going hysteresis", say_raw},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_hysteresis_req[] = {
    {1, 0, "sensor number", say_sensor},
    {1, 0, "hysteresis mask", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_hysteresis_rsp[] = {
    {1, 0, "positive-going hysteresis", say_raw},
    {1, 0, "negative-going hysteresis", say_raw},
    {0, 0, NULL, NULL},
};

DC_BITS_FN(say_threshold_mask, "none", "lower non-critical", "lower critical",
    "lower non-recoverable", "upper non-critical", "upper critical",
    "upper non-recoverable", NULL, NULL)

static const struct dc_field set_thresholds_req[] = {
    {1, 0, "sensor number", say_sensor},
    {1, 0, "thresholds to set", say_threshold_mask},
    {1, 0, "lower non-critical", say_raw},
    {1, 0, "lower critical", say_raw},
    {1, 0, "lower non-recoverable", say_raw},
    {1, 0, "upper non-critical", say_raw},
    {1, 0, "upper critical", say_raw},
    {1, 0, "upper non-recoverable", say_raw},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_thresholds_rsp[] = {
    {1, 0, "readable thresholds", say_threshold_mask},
    {1, 0, "lower non-critical", say_raw},
    {1, 0, "lower critical", say_raw},
    {1, 0, "lower non-recoverable", say_raw},
    {1, 0, "upper non-critical", say_raw},
    {1, 0, "upper critical", say_raw},
    {1, 0, "upper non-recoverable", say_raw},
    {0, 0, NULL, NULL},
};

static void
say_event_enable_op(char *o, size_t cap, struct rd *v)
{
	static const char *const op[] = {"individual enables unchanged",
	    "enable the selected events", "disable the selected events",
	    "reserved"};
	unsigned		 b = dc_byte(v);

	rdesc_sayf(o, cap, "event messages %s, scanning %s; %s",
	    b & 0x80 ? "enabled" : "disabled",
	    b & 0x40 ? "enabled" : "disabled", op[b >> 4 & 3]);
}

static void
say_event_mask(char *o, size_t cap, struct rd *v)
{
	unsigned w = rdesc_get16(v);

	rdesc_sayf(o, cap, "%04xh (bit n: event offset n)", w);
}

static const struct dc_field set_event_enable_req[] = {
    {1, 0, "sensor number", say_sensor},
    {1, 0, "enables", say_event_enable_op},
    {2, DC_OPT, "assertion events", say_event_mask},
    {2, DC_OPT, "deassertion events", say_event_mask},
    {0, 0, NULL, NULL},
};

static void
say_event_enabled(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "event messages %s, scanning %s",
	    b & 0x80 ? "enabled" : "disabled",
	    b & 0x40 ? "enabled" : "disabled");
}

static const struct dc_field get_event_enable_rsp[] = {
    {1, 0, "enables", say_event_enabled},
    {2, DC_OPT, "assertion events", say_event_mask},
    {2, DC_OPT, "deassertion events", say_event_mask},
    {0, 0, NULL, NULL},
};

static void
say_rearm(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%s",
	    dc_byte(v) & 0x80 ? "re-arm all events" : "re-arm the selected");
}

static const struct dc_field rearm_req[] = {
    {1, 0, "sensor number", say_sensor},
    {1, 0, "re-arm", say_rearm},
    {2, DC_OPT, "assertion events", say_event_mask},
    {2, DC_OPT, "deassertion events", say_event_mask},
    {0, 0, NULL, NULL},
};

static void
say_reading_flags(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "event messages %s, scanning %s%s",
	    b & 0x80 ? "enabled" : "disabled",
	    b & 0x40 ? "enabled" : "disabled",
	    b & 0x20 ? ", reading unavailable" : "");
}

static const struct dc_field event_status_rsp[] = {
    {1, 0, "flags", say_reading_flags},
    {2, DC_OPT, "assertion events", say_event_mask},
    {2, DC_OPT, "deassertion events", say_event_mask},
    {0, 0, NULL, NULL},
};

DC_BITS_FN(say_threshold_state, "within all thresholds",
    "below lower non-critical", "below lower critical",
    "below lower non-recoverable", "above upper non-critical",
    "above upper critical", "above upper non-recoverable", NULL, NULL)

static const struct dc_field reading_rsp[] = {
    {1, 0, "reading", say_raw},
    {1, 0, "flags", say_reading_flags},
    {1, DC_OPT, "state (threshold sensors)", say_threshold_state},
    {1, DC_OPT, "state, offsets 8-14", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

/* ---- Storage: FRU (§34), SDR (§33), SEL (§31) ---- */

static const struct dc_field fru_info_req[] = {
    {1, 0, "FRU device ID", say_u8},
    {0, 0, NULL, NULL},
};

static void
say_fru_access(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%s", dc_byte(v) & 1 ? "by words" : "by bytes");
}

static const struct dc_field fru_info_rsp[] = {
    {2, 0, "inventory area size", say_u16},
    {1, 0, "access", say_fru_access},
    {0, 0, NULL, NULL},
};

static const struct dc_field fru_read_req[] = {
    {1, 0, "FRU device ID", say_u8},
    {2, 0, "offset", say_u16},
    {1, 0, "count to read", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field fru_read_rsp[] = {
    {1, 0, "count returned", say_u8},
    {0, DC_REST | DC_FRU, "FRU data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field fru_write_req[] = {
    {1, 0, "FRU device ID", say_u8},
    {2, 0, "offset", say_u16},
    {0, DC_REST | DC_FRU, "FRU data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field fru_write_rsp[] = {
    {1, 0, "count written", say_u8},
    {0, 0, NULL, NULL},
};

DC_BITS_FN(say_repo_support, "none", "Get Allocation Info",
    "Reserve Repository", "Partial Add", "Delete", NULL, NULL, NULL,
    "overflowed")

static const struct dc_field repo_info_rsp[] = {
    {1, 0, "version", say_version_bcd},
    {2, 0, "record count", say_u16},
    {2, 0, "free space (bytes)", say_u16},
    {4, 0, "most recent addition", say_time},
    {4, 0, "most recent erase", say_time},
    {1, 0, "operations supported", say_repo_support},
    {0, 0, NULL, NULL},
};

static const struct dc_field alloc_info_rsp[] = {
    {2, 0, "allocation units", say_u16},
    {2, 0, "allocation unit size", say_u16},
    {2, 0, "free units", say_u16},
    {2, 0, "largest free block", say_u16},
    {1, 0, "maximum record size (units)", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_sel_rsp[] = {
    {2, 0, "next record ID", say_id16},
    {0, DC_REST | DC_SEL, "record data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field add_sel_req[] = {
    {0, DC_REST | DC_SEL, "record", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field record_id_rsp[] = {
    {2, 0, "record ID", say_id16},
    {0, 0, NULL, NULL},
};

static const struct dc_field delete_sel_req[] = {
    {2, 0, "reservation ID", rdesc_say_hex},
    {2, 0, "record ID", say_id16},
    {0, 0, NULL, NULL},
};

static void
say_clear_op(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b == 0xaa	    ? "initiate erase"
		: b == 0x00 ? "get erasure status"
			    : "reserved");
}

static const struct dc_field clear_sel_req[] = {
    {2, 0, "reservation ID", rdesc_say_hex},
    {3, 0, "confirmation", say_text},
    {1, 0, "operation", say_clear_op},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_erasure, 0x0f, 0, "erasure in progress", "erase completed")

static const struct dc_field clear_sel_rsp[] = {
    {1, 0, "erasure progress", say_erasure},
    {0, 0, NULL, NULL},
};

static const struct dc_field time_field[] = {
    {4, 0, "time", say_time},
    {0, 0, NULL, NULL},
};

static const struct dc_field utc_offset[] = {
    {2, 0, "UTC offset", say_minutes_s16},
    {0, 0, NULL, NULL},
};

/* ---- Transport: LAN (§23), SOL (§26) ---- */

static void
say_lan_param(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"set in progress", "auth type support",
	    "auth type enables", "IP address", "IP address source",
	    "MAC address", "subnet mask", "IPv4 header parameters",
	    "primary RMCP port", "secondary RMCP port",
	    "BMC-generated ARP control", "gratuitous ARP interval",
	    "default gateway address", "default gateway MAC address",
	    "backup gateway address", "backup gateway MAC address",
	    "community string", "number of destinations", "destination type",
	    "destination addresses", "802.1q VLAN ID", "802.1q VLAN priority",
	    "RMCP+ messaging cipher suite entry support",
	    "RMCP+ messaging cipher suite entries",
	    "RMCP+ messaging cipher suite privilege levels",
	    "destination address VLAN TAGs"};
	unsigned		 b = dc_byte(v);

	rdesc_sayf(o, cap, "%u (%s)", b,
	    b >= 0xc0 ? "OEM" : rdesc_name_of(t, NELEM(t), b));
}

static void
say_sol_param(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"set in progress", "SOL enable",
	    "SOL authentication",
	    "character accumulate interval and send "
	    "threshold",
	    "SOL retry", "SOL non-volatile bit rate", "SOL volatile bit rate",
	    "SOL payload channel", "SOL payload port number"};
	unsigned		 b = dc_byte(v);

	rdesc_sayf(o, cap, "%u (%s)", b,
	    b >= 0xc0 ? "OEM" : rdesc_name_of(t, NELEM(t), b));
}

static void
say_get_chan(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "channel %u, %s", b & 0x0f,
	    b & 0x80 ? "revision only" : "parameter and revision");
}

static const struct dc_field lan_set_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "parameter selector", say_lan_param},
    {0, DC_REST, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field lan_get_req[] = {
    {1, 0, "channel", say_get_chan},
    {1, 0, "parameter selector", say_lan_param},
    {1, 0, "set selector", say_u8},
    {1, 0, "block selector", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field sol_set_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "parameter selector", say_sol_param},
    {0, DC_REST, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field sol_get_req[] = {
    {1, 0, "channel", say_get_chan},
    {1, 0, "parameter selector", say_sol_param},
    {1, 0, "set selector", say_u8},
    {1, 0, "block selector", say_u8},
    {0, 0, NULL, NULL},
};

/* ---- Group extension (netFn 2Ch): PICMG, VSO, DCMI ---- */

static void
say_body(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b == BODY_PICMG	 ? "PICMG"
		: b == 0x01	 ? "DMTF"
		: b == 0x02	 ? "SSI"
		: b == BODY_VSO	 ? "VITA Standards Organization"
		: b == BODY_DCMI ? "DCMI"
				 : "reserved");
}

static const struct dc_field body_only[] = {
    {1, 0, "defining body", say_body},
    {0, 0, NULL, NULL},
};

static void
say_ext_version(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%u.%u", b & 0x0f, b >> 4);
}

/*
 * A payload's format version puts the major digit high (IPMI 2.0 §24.9:
 * 10h is 1.0), unlike the IPMI and PICMG versions above.
 */
static void
say_payload_version(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%u.%u", b >> 4, b & 0x0f);
}

/* PICMG 3.0 §3.1.3: Get PICMG Properties; VSO likewise (VITA 46.11). */
static const struct dc_field picmg_props_rsp[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "extension version", say_ext_version},
    {1, 0, "maximum FRU device ID", say_u8},
    {1, 0, "FRU device ID of the IPM controller", say_u8},
    {0, DC_REST | DC_OPT, "more", say_bytes},
    {0, 0, NULL, NULL},
};

/* HPM.2 §3.2: Get HPM.x Capabilities, asked with the HPM.x identifier. */
static void
say_hpm_id(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "HPM.%u", dc_byte(v));
}

static const struct dc_field hpm_caps_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "HPM.x identifier", say_hpm_id},
    {0, 0, NULL, NULL},
};

static const struct dc_field body_rest_rsp[] = {
    {1, 0, "defining body", say_body},
    {0, DC_REST | DC_OPT, "data", say_bytes},
    {0, 0, NULL, NULL},
};

/* DCMI 1.5 §6. */
DC_ENUM_FN(say_dcmi_cap_param, 0xff, 0, NULL, "supported DCMI capabilities",
    "mandatory platform attributes", "optional platform attributes",
    "manageability access attributes",
    "enhanced system power statistics attributes")

static const struct dc_field dcmi_caps_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "parameter selector", say_dcmi_cap_param},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_param_rsp[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "DCMI major version", say_u8},
    {1, 0, "DCMI minor version", say_u8},
    {1, 0, "parameter revision", rdesc_say_hex},
    {0, DC_REST | DC_OPT, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_power_mode, 0xff, 0, NULL, "system power statistics",
    "enhanced system power statistics")

static const struct dc_field dcmi_power_reading_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "mode", say_power_mode},
    {1, 0, "mode attributes", rdesc_say_hex},
    {1, 0, "reserved", rdesc_say_zero},
    {0, 0, NULL, NULL},
};

static void
say_power_state_dcmi(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%s",
	    dc_byte(v) & 0x40 ? "power measurement active"
			      : "no power measurement");
}

static const struct dc_field dcmi_power_reading_rsp[] = {
    {1, 0, "defining body", say_body},
    {2, 0, "current power", say_watts},
    {2, 0, "minimum over the period", say_watts},
    {2, 0, "maximum over the period", say_watts},
    {2, 0, "average over the period", say_watts},
    {4, 0, "time stamp", say_time},
    {4, 0, "statistics reporting period", say_ms32},
    {1, 0, "state", say_power_state_dcmi},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_body_reserved2_req[] = {
    {1, 0, "defining body", say_body},
    {2, 0, "reserved", rdesc_say_zero},
    {0, 0, NULL, NULL},
};

static void
say_exception(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b == 0x00	    ? "no action"
		: b == 0x01 ? "hard power off and log"
		: b == 0x11 ? "log to the SEL only"
			    : "OEM or reserved");
}

static const struct dc_field dcmi_power_limit_rsp[] = {
    {1, 0, "defining body", say_body},
    {2, 0, "reserved", rdesc_say_zero},
    {1, 0, "exception actions", say_exception},
    {2, 0, "power limit", say_watts},
    {4, 0, "correction time limit", say_ms32},
    {2, 0, "reserved", rdesc_say_zero},
    {2, 0, "statistics sampling period (s)", say_u16},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_set_power_limit_req[] = {
    {1, 0, "defining body", say_body},
    {3, 0, "reserved", rdesc_say_zero},
    {1, 0, "exception actions", say_exception},
    {2, 0, "power limit", say_watts},
    {4, 0, "correction time limit", say_ms32},
    {2, 0, "reserved", rdesc_say_zero},
    {2, 0, "statistics sampling period (s)", say_u16},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_body_reserved3_rsp[] = {
    {1, 0, "defining body", say_body},
    {0, DC_REST | DC_OPT, "reserved", rdesc_say_zero},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_activation, 0xff, 0, "deactivate the power limit",
    "activate the power limit")

static const struct dc_field dcmi_activate_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "activation", say_activation},
    {2, 0, "reserved", rdesc_say_zero},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_string_get_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "offset", say_u8},
    {1, 0, "bytes to read", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_string_get_rsp[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "total length", say_u8},
    {0, DC_REST | DC_OPT, "text", say_text},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_string_set_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "offset", say_u8},
    {1, 0, "bytes to write", say_u8},
    {0, DC_REST | DC_OPT, "text", say_text},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_string_set_rsp[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "total length written", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_sensor_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "sensor type", rdesc_say_sensor_type},
    {1, 0, "entity ID", rdesc_say_hex},
    {1, 0, "entity instance", say_u8},
    {1, 0, "entity instance start", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_sensor_info_rsp[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "total instances", say_u8},
    {1, 0, "record IDs in this response", say_u8},
    {0, DC_REST | DC_OPT, "SDR record IDs", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_temps_rsp[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "total instances", say_u8},
    {1, 0, "temperatures in this response", say_u8},
    {0, DC_REST | DC_OPT, "temperatures and instances", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_set_conf_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "parameter selector", say_u8},
    {1, 0, "set selector", say_u8},
    {0, DC_REST, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field dcmi_get_conf_req[] = {
    {1, 0, "defining body", say_body},
    {1, 0, "parameter selector", say_u8},
    {1, 0, "set selector", say_u8},
    {0, 0, NULL, NULL},
};

/* PEF and alerting, §30 (PET, §30.7). */
DC_BITS_FN(say_pef_actions, "none", "alert", "power down", "reset",
    "power cycle", "OEM action", "diagnostic interrupt", NULL, NULL)

static const struct dc_field pef_caps_rsp[] = {
    {1, 0, "PEF version", say_version_bcd},
    {1, 0, "action support", say_pef_actions},
    {1, 0, "event filter table entries", say_u8},
    {0, 0, NULL, NULL},
};

static void
say_postpone(char *o, size_t cap, struct rd *v)
{
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "%02xh (%s)", b,
	    b == 0x00	    ? "disable the postpone timer"
		: b == 0xfe ? "temporary PEF disable"
		: b == 0xff ? "get the present countdown"
			    : "seconds to postpone");
}

static const struct dc_field pef_postpone_req[] = {
    {1, 0, "postpone timeout", say_postpone},
    {0, 0, NULL, NULL},
};

static const struct dc_field pef_postpone_rsp[] = {
    {1, 0, "present countdown", say_seconds},
    {0, 0, NULL, NULL},
};

static void
say_pef_param(char *o, size_t cap, struct rd *v)
{
	static const char *const t[] = {"set in progress", "PEF control",
	    "PEF action global control", "PEF startup delay",
	    "PEF alert startup delay", "number of event filters",
	    "event filter table", "event filter table data 1",
	    "number of alert policy entries", "alert policy table",
	    "system GUID", "number of alert strings", "alert string keys",
	    "alert strings"};
	unsigned		 b = dc_byte(v);

	rdesc_sayf(o, cap, "%u (%s)%s", b & 0x7f,
	    rdesc_name_of(t, NELEM(t), b & 0x7f),
	    b & 0x80 ? ", revision only" : "");
}

static const struct dc_field pef_set_req[] = {
    {1, 0, "parameter selector", say_pef_param},
    {0, DC_REST | DC_OPT, "parameter data", say_bytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field pef_get_req[] = {
    {1, 0, "parameter selector", say_pef_param},
    {1, 0, "set selector", say_u8},
    {1, 0, "block selector", say_u8},
    {0, 0, NULL, NULL},
};

static void
say_processed_by(char *o, size_t cap, struct rd *v)
{
	rdesc_sayf(o, cap, "%s",
	    dc_byte(v) & 1 ? "the BMC's last processed event"
			   : "software's last processed event");
}

static const struct dc_field pef_set_last_req[] = {
    {1, 0, "which", say_processed_by},
    {2, 0, "record ID", say_id16},
    {0, 0, NULL, NULL},
};

static const struct dc_field pef_get_last_rsp[] = {
    {4, 0, "most recent addition", say_time},
    {2, 0, "last record in the SEL", say_id16},
    {2, 0, "last processed by software", say_id16},
    {2, 0, "last processed by the BMC", say_id16},
    {0, 0, NULL, NULL},
};

static void
say_alert_dest(char *o, size_t cap, struct rd *v)
{
	static const char *const op[] = {
	    "initiate the alert", "get status", "clear status", "reserved"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "destination %u, %s", b & 0x0f, op[b >> 6]);
}

static const struct dc_field alert_immediate_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "destination and operation", say_alert_dest},
    {1, 0, "alert string selector", rdesc_say_hex},
    {1, DC_OPT, "generator ID", rdesc_say_hex},
    {1, DC_OPT, "event message revision", rdesc_say_hex},
    {1, DC_OPT, "sensor type", rdesc_say_sensor_type},
    {1, DC_OPT, "sensor number", say_sensor},
    {1, DC_OPT, "event dir / type", say_event_dir},
    {1, DC_OPT, "event data 1", rdesc_say_hex},
    {1, DC_OPT, "event data 2", rdesc_say_hex},
    {1, DC_OPT, "event data 3", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static const struct dc_field alert_immediate_rsp[] = {
    {1, DC_OPT, "alert status", rdesc_say_hex},
    {0, 0, NULL, NULL},
};

static const struct dc_field pet_ack_req[] = {
    {2, 0, "sequence number", say_u16},
    {4, 0, "local time stamp", say_time},
    {1, 0, "event source type", rdesc_say_hex},
    {1, 0, "sensor device", rdesc_say_hex},
    {1, 0, "sensor number", say_sensor},
    {3, 0, "event data 1-3", say_hexbytes},
    {0, 0, NULL, NULL},
};

/* Payloads, §24. */
static const struct dc_field payload_type_req[] = {
    {1, 0, "payload type", say_payload_type},
    {0, 0, NULL, NULL},
};

static void
say_instance_bits(char *o, size_t cap, struct rd *v)
{
	unsigned w = rdesc_get16(v);

	rdesc_sayf(o, cap, "%04xh (bit n: instance n + 1 active)", w);
}

static const struct dc_field payload_status_rsp[] = {
    {1, 0, "instance capacity", say_count6},
    {2, 0, "active instances", say_instance_bits},
    {0, 0, NULL, NULL},
};

static const struct dc_field payload_instance_req[] = {
    {1, 0, "payload type", say_payload_type},
    {1, 0, "payload instance", say_u8},
    {0, 0, NULL, NULL},
};

static const struct dc_field payload_instance_rsp[] = {
    {4, 0, "session ID", say_sid},
    {8, 0, "payload-specific", say_hexbytes},
    {0, 0, NULL, NULL},
};

static void
say_payload_user(char *o, size_t cap, struct rd *v)
{
	static const char *const op[] = {
	    "enable", "disable", "reserved", "reserved"};
	unsigned b = dc_byte(v);

	rdesc_sayf(o, cap, "user %u, %s", b & 0x3f, op[b >> 6]);
}

static const struct dc_field set_payload_access_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "user ID and operation", say_payload_user},
    {4, 0, "payload enables (bit 1: SOL)", say_hexbytes},
    {0, 0, NULL, NULL},
};

static const struct dc_field get_payload_access_rsp[] = {
    {4, 0, "payload enables (bit 1: SOL)", say_hexbytes},
    {0, 0, NULL, NULL},
};

static void
say_payload_mask(char *o, size_t cap, struct rd *v)
{
	unsigned w = rdesc_get16(v);

	rdesc_sayf(o, cap, "%04xh (bit n: payload type n)", w);
}

static const struct dc_field payload_support_rsp[] = {
    {2, 0, "standard payloads", say_payload_mask},
    {2, 0, "session-setup payloads", say_payload_mask},
    {2, 0, "OEM payloads", say_payload_mask},
    {2, 0, "reserved", rdesc_say_zero},
    {0, 0, NULL, NULL},
};

static const struct dc_field payload_version_req[] = {
    {1, 0, "channel", say_chan},
    {1, 0, "payload type", say_payload_type},
    {0, 0, NULL, NULL},
};

static const struct dc_field payload_version_rsp[] = {
    {1, 0, "format version", say_payload_version},
    {0, 0, NULL, NULL},
};

DC_ENUM_FN(say_enc_op, 0x03, 0, "suspend encryption", "resume encryption",
    "regenerate the IV")

static const struct dc_field suspend_enc_req[] = {
    {1, 0, "payload type", say_payload_type},
    {1, 0, "payload instance", say_u8},
    {1, 0, "operation", say_enc_op},
    {0, 0, NULL, NULL},
};

/* SOL Activating, §26.1: sent by the BMC to the system software. */
DC_ENUM_FN(say_sol_state, 0x0f, 0, "inactive", "active")

static const struct dc_field sol_activating_req[] = {
    {1, 0, "session state", say_sol_state},
    {1, 0, "payload instance", say_u8},
    {1, 0, "format major version", say_u8},
    {1, 0, "format minor version", say_u8},
    {0, 0, NULL, NULL},
};

/* ---- command-specific completion codes ---- */

static const struct dc_cc cc_set_priv[] = {
    {0x80, "requested level not available for this user"},
    {0x81,
	"requested level exceeds the user's or channel's privilege "
	"limit"},
    {0x82, "cannot disable user-level authentication"},
    {0, NULL},
};
static const struct dc_cc cc_challenge[] = {
    {0x81, "invalid user name"},
    {0x82, "null user name (user 1) not enabled"},
    {0, NULL},
};
static const struct dc_cc cc_activate[] = {
    {0x81, "no session slot available"},
    {0x82, "no slot available for the given user"},
    {0x83, "no slot available for the user's maximum privilege"},
    {0x84, "session sequence number out of range"},
    {0x85, "invalid session ID in request"},
    {0x86,
	"requested maximum privilege exceeds the user's or channel's "
	"limit"},
    {0, NULL},
};
static const struct dc_cc cc_close[] = {
    {0x87, "invalid session ID in request"},
    {0x88, "invalid session handle in request"},
    {0, NULL},
};
static const struct dc_cc cc_password[] = {
    {0x80, "password test failed: wrong password"},
    {0x81, "password test failed: wrong password size"},
    {0, NULL},
};
static const struct dc_cc cc_param[] = {
    {0x80, "parameter not supported"},
    {0x81, "attempt to set 'set in progress' while not 'set complete'"},
    {0x82, "attempt to write a read-only parameter"},
    {0x83, "attempt to read a write-only parameter"},
    {0, NULL},
};
static const struct dc_cc cc_chan_access[] = {
    {0x82, "set not supported on this channel"},
    {0x83, "access mode not supported"},
    {0, NULL},
};
static const struct dc_cc cc_keys[] = {
    {0x80, "cannot set or confirm: the key is locked"},
    {0x81, "insufficient key bytes"},
    {0x82, "too many key bytes"},
    {0x83, "key value does not meet the criteria for this key"},
    {0x84, "K_R is not used"},
    {0, NULL},
};
static const struct dc_cc cc_send_msg[] = {
    {0x80, "invalid session handle"},
    {0x81, "lost arbitration"},
    {0x82, "bus error"},
    {0x83, "NAK on write"},
    {0, NULL},
};
static const struct dc_cc cc_payload[] = {
    {0x80, "payload already active on another session"},
    {0x81, "payload type disabled"},
    {0x82, "payload activation limit reached"},
    {0x83, "cannot activate the payload with encryption"},
    {0x84, "cannot activate the payload without encryption"},
    {0, NULL},
};
static const struct dc_cc cc_deactivate[] = {
    {0x80, "payload already deactivated"},
    {0x81, "payload type disabled"},
    {0, NULL},
};
static const struct dc_cc cc_wd_reset[] = {
    {0x80, "attempt to start an uninitialised watchdog"},
    {0, NULL},
};
static const struct dc_cc cc_sel[] = {
    {0x80, "operation not supported for this record type"},
    {0x81, "cannot execute: SEL erase in progress"},
    {0, NULL},
};
static const struct dc_cc cc_fru_read[] = {
    {0x81, "FRU device busy"},
    {0, NULL},
};
static const struct dc_cc cc_fru_write[] = {
    {0x80, "write-protected offset"},
    {0x81, "FRU device busy"},
    {0, NULL},
};
static const struct dc_cc cc_dev_sdr[] = {
    {0x80, "record changed"},
    {0, NULL},
};
static const struct dc_cc cc_power_limit[] = {
    {0x80, "no active power limit"},
    {0x84, "power limit out of range"},
    {0x85, "correction time out of range"},
    {0x89, "statistics reporting period out of range"},
    {0, NULL},
};

static const struct dc_cc cc_erase[] = {
    {0x81, "cannot execute: SEL erase in progress"},
    {0, NULL},
};
static const struct dc_cc cc_alert_immediate[] = {
    {0x81, "alert already in progress"},
    {0x82, "an IPMI messaging session is active on this channel"},
    {0x83, "platform event parameters not supported"},
    {0, NULL},
};
static const struct dc_cc cc_suspend_enc[] = {
    {0x80, "operation not supported"},
    {0x81, "operation not allowed under the present configuration"},
    {0x82, "encryption not available for the payload's session"},
    {0x83, "the payload instance is not active"},
    {0, NULL},
};

/* ---- the table ---- */

#define APP	  IPMI_NETFN_APP
#define CHASSIS	  IPMI_NETFN_CHASSIS
#define SENSOR	  IPMI_NETFN_SENSOR
#define STORAGE	  IPMI_NETFN_STORAGE
#define TRANSPORT IPMI_NETFN_TRANSPORT
#define GROUP	  IPMI_NETFN_GROUP
#define N	  BODY_NONE

static const struct dc_cmd dc_cmds[] = {
    /* App, §20-§22, §24, §27. */
    {APP, 0x01, N, NULL, empty, get_device_id_rsp, NULL},
    {APP, 0x02, N, NULL, empty, empty, NULL},
    {APP, 0x03, N, NULL, empty, empty, NULL},
    {APP, 0x04, N, NULL, empty, get_self_test_rsp, NULL},
    {APP, 0x06, N, NULL, acpi_fields, empty, NULL},
    {APP, 0x07, N, NULL, empty, acpi_fields, NULL},
    {APP, 0x08, N, NULL, empty, guid_rsp, NULL},
    {APP, 0x22, N, NULL, empty, empty, cc_wd_reset},
    {APP, 0x24, N, NULL, wd_set_req, empty, NULL},
    {APP, 0x25, N, NULL, empty, wd_get_rsp, NULL},
    {APP, 0x2e, N, NULL, global_enables, empty, NULL},
    {APP, 0x2f, N, NULL, empty, global_enables, NULL},
    {APP, 0x30, N, NULL, msg_flags, empty, NULL},
    {APP, 0x31, N, NULL, empty, msg_flags, NULL},
    {APP, 0x34, N, NULL, send_msg_req, rest_rsp, cc_send_msg},
    {APP, 0x37, N, NULL, empty, guid_rsp, NULL},
    {APP, 0x38, N, NULL, auth_caps_req, auth_caps_rsp, NULL},
    {APP, 0x39, N, NULL, challenge_req, challenge_rsp, cc_challenge},
    {APP, 0x3a, N, NULL, activate_req, activate_rsp, cc_activate},
    {APP, 0x3b, N, NULL, set_priv_req, set_priv_rsp, cc_set_priv},
    {APP, 0x3c, N, NULL, close_req, empty, cc_close},
    {APP, 0x3d, N, NULL, session_info_req, session_info_rsp, NULL},
    {APP, 0x40, N, NULL, set_chan_access_req, empty, cc_chan_access},
    {APP, 0x41, N, NULL, get_chan_access_req, get_chan_access_rsp,
	cc_chan_access},
    {APP, 0x42, N, NULL, chan_info_req, chan_info_rsp, NULL},
    {APP, 0x43, N, NULL, set_user_access_req, empty, NULL},
    {APP, 0x44, N, NULL, get_user_access_req, get_user_access_rsp, NULL},
    {APP, 0x45, N, NULL, set_user_name_req, empty, NULL},
    {APP, 0x46, N, NULL, user_id_req, user_name_rsp, NULL},
    {APP, 0x47, N, NULL, set_user_password_req, empty, cc_password},
    {APP, 0x48, N, NULL, activate_payload_req, activate_payload_rsp,
	cc_payload},
    {APP, 0x49, N, NULL, deactivate_payload_req, empty, cc_deactivate},
    {APP, 0x4a, N, NULL, payload_type_req, payload_status_rsp, NULL},
    {APP, 0x4b, N, NULL, payload_instance_req, payload_instance_rsp, NULL},
    {APP, 0x4c, N, NULL, set_payload_access_req, empty, NULL},
    {APP, 0x4d, N, NULL, get_user_access_req, get_payload_access_rsp, NULL},
    {APP, 0x4e, N, NULL, chan_info_req, payload_support_rsp, NULL},
    {APP, 0x4f, N, NULL, payload_version_req, payload_version_rsp, NULL},
    {APP, 0x54, N, NULL, cipher_suites_req, cipher_suites_rsp, NULL},
    {APP, 0x55, N, NULL, suspend_enc_req, empty, cc_suspend_enc},
    {APP, 0x56, N, NULL, chan_keys_req, chan_keys_rsp, cc_keys},
    {APP, 0x58, N, NULL, sysinfo_set_req, empty, cc_param},
    {APP, 0x59, N, NULL, sysinfo_get_req, param_rsp, cc_param},
    /* Chassis, §28. */
    {CHASSIS, 0x00, N, NULL, empty, chassis_caps_rsp, NULL},
    {CHASSIS, 0x01, N, NULL, empty, chassis_status_rsp, NULL},
    {CHASSIS, 0x02, N, NULL, chassis_control_req, empty, NULL},
    {CHASSIS, 0x04, N, NULL, identify_req, empty, NULL},
    {CHASSIS, 0x06, N, NULL, restore_req, restore_rsp, NULL},
    {CHASSIS, 0x07, N, NULL, empty, restart_cause_rsp, NULL},
    {CHASSIS, 0x08, N, NULL, boot_set_req, empty, cc_param},
    {CHASSIS, 0x09, N, NULL, boot_get_req, boot_get_rsp, cc_param},
    {CHASSIS, 0x0f, N, NULL, empty, poh_rsp, NULL},
    /* Sensor/Event, §29, §35. */
    {SENSOR, 0x02, N, NULL, platform_event_req, empty, NULL},
    {SENSOR, 0x10, N, NULL, empty, pef_caps_rsp, NULL},
    {SENSOR, 0x11, N, NULL, pef_postpone_req, pef_postpone_rsp, NULL},
    {SENSOR, 0x12, N, NULL, pef_set_req, empty, cc_param},
    {SENSOR, 0x13, N, NULL, pef_get_req, param_rsp, cc_param},
    {SENSOR, 0x14, N, NULL, pef_set_last_req, empty, cc_erase},
    {SENSOR, 0x15, N, NULL, empty, pef_get_last_rsp, NULL},
    {SENSOR, 0x16, N, NULL, alert_immediate_req, alert_immediate_rsp,
	cc_alert_immediate},
    {SENSOR, 0x17, N, NULL, pet_ack_req, empty, NULL},
    {SENSOR, 0x20, N, NULL, dev_sdr_info_req, dev_sdr_info_rsp, NULL},
    {SENSOR, 0x21, N, NULL, get_sdr_req, get_sdr_rsp, cc_dev_sdr},
    {SENSOR, 0x22, N, NULL, empty, reservation_rsp, NULL},
    {SENSOR, 0x23, N, NULL, reading_factors_req, reading_factors_rsp, NULL},
    {SENSOR, 0x24, N, NULL, set_hysteresis_req, empty, NULL},
    {SENSOR, 0x25, N, NULL, get_hysteresis_req, get_hysteresis_rsp, NULL},
    {SENSOR, 0x26, N, NULL, set_thresholds_req, empty, NULL},
    {SENSOR, 0x27, N, NULL, sensor_req, get_thresholds_rsp, NULL},
    {SENSOR, 0x28, N, NULL, set_event_enable_req, empty, NULL},
    {SENSOR, 0x29, N, NULL, sensor_req, get_event_enable_rsp, NULL},
    {SENSOR, 0x2a, N, NULL, rearm_req, empty, NULL},
    {SENSOR, 0x2b, N, NULL, sensor_req, event_status_rsp, NULL},
    {SENSOR, 0x2d, N, NULL, sensor_req, reading_rsp, NULL},
    /* Storage, §31, §33, §34. */
    {STORAGE, 0x10, N, NULL, fru_info_req, fru_info_rsp, NULL},
    {STORAGE, 0x11, N, NULL, fru_read_req, fru_read_rsp, cc_fru_read},
    {STORAGE, 0x12, N, NULL, fru_write_req, fru_write_rsp, cc_fru_write},
    {STORAGE, 0x20, N, NULL, empty, repo_info_rsp, NULL},
    {STORAGE, 0x21, N, NULL, empty, alloc_info_rsp, NULL},
    {STORAGE, 0x22, N, NULL, empty, reservation_rsp, NULL},
    {STORAGE, 0x23, N, NULL, get_sdr_req, get_sdr_rsp, NULL},
    {STORAGE, 0x40, N, NULL, empty, repo_info_rsp, NULL},
    {STORAGE, 0x41, N, NULL, empty, alloc_info_rsp, NULL},
    {STORAGE, 0x42, N, NULL, empty, reservation_rsp, cc_sel},
    {STORAGE, 0x43, N, NULL, get_sdr_req, get_sel_rsp, cc_sel},
    {STORAGE, 0x44, N, NULL, add_sel_req, record_id_rsp, cc_sel},
    {STORAGE, 0x46, N, NULL, delete_sel_req, record_id_rsp, cc_sel},
    {STORAGE, 0x47, N, NULL, clear_sel_req, clear_sel_rsp, NULL},
    {STORAGE, 0x48, N, NULL, empty, time_field, NULL},
    {STORAGE, 0x49, N, NULL, time_field, empty, NULL},
    {STORAGE, 0x5c, N, NULL, empty, utc_offset, NULL},
    {STORAGE, 0x5d, N, NULL, utc_offset, empty, NULL},
    /* Transport, §23, §26. */
    {TRANSPORT, 0x01, N, NULL, lan_set_req, empty, cc_param},
    {TRANSPORT, 0x02, N, NULL, lan_get_req, param_rsp, cc_param},
    {TRANSPORT, 0x20, N, NULL, sol_activating_req, empty, NULL},
    {TRANSPORT, 0x21, N, NULL, sol_set_req, empty, cc_param},
    {TRANSPORT, 0x22, N, NULL, sol_get_req, param_rsp, cc_param},
    /* Group extension: the probes clients send (PICMG, HPM.2, VSO). */
    {GROUP, 0x00, BODY_PICMG, "Get PICMG Properties", body_only,
	picmg_props_rsp, NULL},
    {GROUP, 0x2e, BODY_PICMG, "Get Target Upgrade Capabilities (HPM.1)",
	body_only, body_rest_rsp, NULL},
    {GROUP, 0x3e, BODY_PICMG, "Get HPM.x Capabilities (HPM.2)", hpm_caps_req,
	body_rest_rsp, NULL},
    {GROUP, 0x00, BODY_VSO, "Get VSO Capabilities", body_only, picmg_props_rsp,
	NULL},
    /* DCMI 1.5 §6. */
    {GROUP, 0x01, BODY_DCMI, "Get DCMI Capabilities Info", dcmi_caps_req,
	dcmi_param_rsp, NULL},
    {GROUP, 0x02, BODY_DCMI, "Get Power Reading", dcmi_power_reading_req,
	dcmi_power_reading_rsp, NULL},
    {GROUP, 0x03, BODY_DCMI, "Get Power Limit", dcmi_body_reserved2_req,
	dcmi_power_limit_rsp, cc_power_limit},
    {GROUP, 0x04, BODY_DCMI, "Set Power Limit", dcmi_set_power_limit_req,
	dcmi_body_reserved3_rsp, cc_power_limit},
    {GROUP, 0x05, BODY_DCMI, "Activate/Deactivate Power Limit",
	dcmi_activate_req, body_only, cc_power_limit},
    {GROUP, 0x06, BODY_DCMI, "Get Asset Tag", dcmi_string_get_req,
	dcmi_string_get_rsp, NULL},
    {GROUP, 0x07, BODY_DCMI, "Get DCMI Sensor Info", dcmi_sensor_req,
	dcmi_sensor_info_rsp, NULL},
    {GROUP, 0x08, BODY_DCMI, "Set Asset Tag", dcmi_string_set_req,
	dcmi_string_set_rsp, NULL},
    {GROUP, 0x09, BODY_DCMI, "Get Management Controller ID String",
	dcmi_string_get_req, dcmi_string_get_rsp, NULL},
    {GROUP, 0x0a, BODY_DCMI, "Set Management Controller ID String",
	dcmi_string_set_req, dcmi_string_set_rsp, NULL},
    {GROUP, 0x10, BODY_DCMI, "Get Temperature Readings", dcmi_sensor_req,
	dcmi_temps_rsp, NULL},
    {GROUP, 0x12, BODY_DCMI, "Set DCMI Configuration Parameters",
	dcmi_set_conf_req, body_only, cc_param},
    {GROUP, 0x13, BODY_DCMI, "Get DCMI Configuration Parameters",
	dcmi_get_conf_req, dcmi_param_rsp, cc_param},
};

#undef N

/*
 * The row of a command.  For netFn 2Ch the first data byte picks the
 * defining body; without it (an error response carries none) the first
 * row of the command stands in.
 */
static const struct dc_cmd *
dc_find(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t n)
{
	const struct dc_cmd *first = NULL;
	uint8_t		     rq = netfn & (uint8_t)~1u;
	size_t		     i;

	for (i = 0; i < NELEM(dc_cmds); i++) {
		if (dc_cmds[i].netfn != rq || dc_cmds[i].cmd != cmd)
			continue;
		if (dc_cmds[i].body == BODY_NONE)
			return &dc_cmds[i];
		if (n > 0 && data[0] == dc_cmds[i].body)
			return &dc_cmds[i];
		if (first == NULL)
			first = &dc_cmds[i];
	}
	return n == 0 ? first : NULL;
}

int
describe_cmd_known(uint8_t netfn, uint8_t cmd, uint8_t body)
{
	return dc_find(netfn, cmd, &body, 1) != NULL;
}

const char *
describe_cmd_name(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t n)
{
	const struct dc_cmd *c;

	if ((netfn & (uint8_t)~1u) != IPMI_NETFN_GROUP)
		return NULL;
	c = dc_find(netfn, cmd, data, n);
	return c != NULL ? c->name : NULL;
}

const char *
describe_cmd_cc(
    uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t n, uint8_t cc)
{
	const struct dc_cmd *c = dc_find(netfn, cmd, data, n);
	const struct dc_cc  *k;

	if (c == NULL || c->cc == NULL || cc < 0x80 || cc > 0xbe)
		return NULL;
	for (k = c->cc; k->meaning != NULL; k++)
		if (k->cc == cc)
			return k->meaning;
	return NULL;
}

/* An SDR, SEL record or FRU image carried by the command, described. */
static void
dc_record(struct rdesc *d, uint8_t flags, const uint8_t *p, size_t n)
{
	char   indent[64];
	size_t len;

	snprintf(indent, sizeof(indent), "%s    ", d->indent);
	if (flags & DC_SDR) {
		/* Whole records only: header (5 bytes) and its length. */
		if (n >= 5 && (size_t)p[4] + 5 == n)
			(void)describe_sdr_record(d->fp, indent, p, n);
		else if (n > 0)
			rdesc_heading(d,
			    "    (part of an SDR: the request "
			    "gives the offset)");
	} else if (flags & DC_SEL) {
		if (n == 16)
			(void)describe_sel_record(d->fp, indent, p, n);
	} else if (flags & DC_FRU) {
		/*
		 * An image read from offset 0: the common header (format
		 * 01h, zero checksum), with every area it points to begun.
		 */
		uint8_t sum = 0;
		size_t	last = 0;

		for (len = 0; len < 8 && len < n; len++) {
			sum = (uint8_t)(sum + p[len]);
			if (len >= 1 && len <= 5 && (size_t)p[len] * 8 > last)
				last = (size_t)p[len] * 8;
		}
		if (n >= 8 && p[0] == 0x01 && sum == 0 && last < n)
			(void)describe_fru_image(d->fp, indent, p, n);
	}
}

/* Walks a field list over the data; see the top of the file. */
static void
dc_walk(struct rdesc *d, struct rd *r, const struct dc_field *f)
{
	char	       meaning[RD_MEANING_MAX];
	const uint8_t *p = NULL, *prev = NULL;
	size_t	       len, prevlen = 0;
	struct rd      v;

	for (; f->name != NULL; f++) {
		if (f->flags & DC_SAME) {
			if (prev == NULL)
				continue;
			p = prev;
			len = prevlen;
		} else {
			len = (f->flags & DC_REST) ? rd_left(r) : f->len;
			if ((f->flags & DC_OPT) && rd_left(r) == 0)
				return;
			if ((f->flags & DC_REST) && len == 0)
				return;
			if (rdesc_take(d, r, len, f->name, &p) != 0)
				return;
		}
		rd_init(&v, p, len);
		meaning[0] = '\0';
		if (f->say != NULL)
			f->say(meaning, sizeof(meaning), &v);
		if (meaning[0] == '\0')
			rdesc_line(d, p, len, f->name, NULL);
		else
			rdesc_line(d, p, len, f->name, "%s", meaning);
		if (f->flags & (DC_SDR | DC_SEL | DC_FRU))
			dc_record(d, f->flags, p, len);
		prev = p;
		prevlen = len;
	}
	if (rd_left(r) > 0) {
		len = rd_left(r);
		if (rd_span(r, &p, len) == 0)
			rdesc_line(d, p, len, "extra data",
			    "%zu byte%s the specification does not define", len,
			    len == 1 ? "" : "s");
	}
}

int
describe_cmd_data(FILE *fp, const char *indent, const uint8_t *base,
    uint8_t netfn, uint8_t cmd, uint8_t cc, const uint8_t *data, size_t n)
{
	struct rdesc	     d = {fp, indent != NULL ? indent : "", base, 0};
	const struct dc_cmd *c = dc_find(netfn, cmd, data, n);
	struct rd	     r;
	int		     rsp = netfn & 1;

	if (c == NULL || (rsp && cc != 0))
		return 0;
	rd_init(&r, data, n);
	dc_walk(&d, &r, rsp ? c->rsp : c->req);
	return 1;
}
