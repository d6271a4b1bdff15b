/*
 * Names for protocol numbers.  Sparse values sit in (value, name) tables,
 * dense ones in arrays indexed by the value.
 */
#include <stddef.h>

#include "ipmimsg.h"
#include "names.h"
#include "rakp.h"
#include "rmcpp.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct names_entry {
	uint8_t	    value;
	const char *name;
};

struct names_cmd_entry {
	uint8_t	    netfn; /* the request netFn */
	uint8_t	    cmd;
	const char *name;
};

static const char *
names_find(const struct names_entry *t, size_t n, uint8_t v, const char *def)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].value == v)
			return t[i].name;
	return def;
}

static const char *
names_index(const char *const *t, size_t n, uint8_t v, const char *def)
{
	if (v < n && t[v] != NULL)
		return t[v];
	return def;
}

/* IPMI 2.0 §5.2, table 5-2: generic completion codes. */
static const struct names_entry names_cc_table[] = {
    {IPMI_CC_OK, "command completed normally"},
    {IPMI_CC_NODE_BUSY, "node busy"},
    {IPMI_CC_INVALID_CMD, "invalid command"},
    {IPMI_CC_INVALID_CMD_FOR_LUN, "command invalid for given LUN"},
    {IPMI_CC_TIMEOUT, "timeout while processing command"},
    {IPMI_CC_OUT_OF_SPACE, "out of space"},
    {IPMI_CC_INVALID_RESERVATION, "reservation cancelled or invalid"},
    {IPMI_CC_DATA_TRUNCATED, "request data truncated"},
    {IPMI_CC_REQ_DATA_LEN_INVALID, "request data length invalid"},
    {IPMI_CC_REQ_DATA_LEN_EXCEEDED, "request data field length limit exceeded"},
    {IPMI_CC_PARAM_OUT_OF_RANGE, "parameter out of range"},
    {IPMI_CC_CANT_RETURN_BYTES, "cannot return number of requested data bytes"},
    {IPMI_CC_NOT_PRESENT, "requested sensor, data, or record not present"},
    {IPMI_CC_INVALID_DATA_FIELD, "invalid data field in request"},
    {IPMI_CC_ILLEGAL_FOR_SENSOR,
	"command illegal for specified sensor or record type"},
    {IPMI_CC_CANT_RESPOND, "command response could not be provided"},
    {IPMI_CC_DUPLICATE_REQUEST, "cannot execute duplicated request"},
    {IPMI_CC_SDR_UPDATE_MODE, "SDR repository in update mode"},
    {IPMI_CC_FW_UPDATE_MODE, "device in firmware update mode"},
    {IPMI_CC_INIT_IN_PROGRESS, "BMC initialization in progress"},
    {IPMI_CC_DESTINATION_UNAVAIL, "destination unavailable"},
    {IPMI_CC_INSUFFICIENT_PRIV,
	"insufficient privilege level or other security restriction"},
    {IPMI_CC_NOT_SUPPORTED_NOW, "not supported in present state"},
    {IPMI_CC_SUBFUNCTION_DISABLED,
	"parameter is illegal because sub-function is disabled"},
    {IPMI_CC_UNSPECIFIED, "unspecified error"},
};

const char *
names_cc(uint8_t cc)
{
	/* Table 5-2: 01h-7Eh are device specific, 80h-BEh command specific. */
	if (cc >= 0x01 && cc <= 0x7e)
		return "device-specific (OEM) completion code";
	if (cc >= 0x80 && cc <= 0xbe)
		return "command-specific completion code";
	return names_find(names_cc_table, NELEM(names_cc_table), cc,
	    "reserved completion code");
}

/* IPMI 2.0 §13.24, table 13-15: RMCP+ and RAKP message status codes. */
static const char *const names_status_table[] = {
    [RMCPP_STATUS_OK] = "no errors",
    [RMCPP_STATUS_NO_RESOURCES] = "insufficient resources to create a session",
    [RMCPP_STATUS_INVALID_SESSION_ID] = "invalid session ID",
    [RMCPP_STATUS_INVALID_PAYLOAD_TYPE] = "invalid payload type",
    [RMCPP_STATUS_INVALID_AUTH_ALG] = "invalid authentication algorithm",
    [RMCPP_STATUS_INVALID_INTEG_ALG] = "invalid integrity algorithm",
    [RMCPP_STATUS_NO_MATCHING_AUTH] = "no matching authentication payload",
    [RMCPP_STATUS_NO_MATCHING_INTEG] = "no matching integrity payload",
    [RMCPP_STATUS_INACTIVE_SESSION_ID] = "inactive session ID",
    [RMCPP_STATUS_INVALID_ROLE] = "invalid role",
    [RMCPP_STATUS_UNAUTHORIZED_ROLE] =
	"unauthorized role or privilege level requested",
    [RMCPP_STATUS_NO_RESOURCES_AT_ROLE] =
	"insufficient resources to create a session at the requested role",
    [RMCPP_STATUS_INVALID_NAME_LEN] = "invalid name length",
    [RMCPP_STATUS_UNAUTHORIZED_NAME] = "unauthorized name",
    [RMCPP_STATUS_UNAUTHORIZED_GUID] = "unauthorized GUID",
    [RMCPP_STATUS_INVALID_INTEGRITY_VALUE] = "invalid integrity check value",
    [RMCPP_STATUS_INVALID_CONF_ALG] = "invalid confidentiality algorithm",
    [RMCPP_STATUS_NO_SUITE_MATCH] =
	"no cipher suite match with proposed security algorithms",
    [RMCPP_STATUS_ILLEGAL_PARAMETER] = "illegal or unrecognized parameter",
};

const char *
names_rmcpp_status(uint8_t status)
{
	return names_index(names_status_table, NELEM(names_status_table),
	    status, "reserved status code");
}

/* IPMI 2.0 §5.1, table 5-1: network functions, by request netFn. */
static const struct names_entry names_netfn_table[] = {
    {IPMI_NETFN_CHASSIS, "Chassis"},
    {IPMI_NETFN_BRIDGE, "Bridge"},
    {IPMI_NETFN_SENSOR, "Sensor/Event"},
    {IPMI_NETFN_APP, "App"},
    {IPMI_NETFN_FIRMWARE, "Firmware"},
    {IPMI_NETFN_STORAGE, "Storage"},
    {IPMI_NETFN_TRANSPORT, "Transport"},
    {IPMI_NETFN_GROUP, "Group Extension"},
    {IPMI_NETFN_OEM, "OEM/Group"},
};

const char *
names_netfn(uint8_t netfn)
{
	uint8_t rq = netfn & ~1u;

	/* Table 5-1: 30h-3Fh are controller-specific OEM/group. */
	if (rq >= 0x30 && rq <= 0x3e)
		return "controller-specific OEM";
	return names_find(
	    names_netfn_table, NELEM(names_netfn_table), rq, "reserved netFn");
}

/* IPMI 2.0 appendix G: command numbers of the common command sets. */
static const struct names_cmd_entry names_cmd_table[] = {
    /* §22, §18: App netFn (06h). */
    {IPMI_NETFN_APP, 0x01, "Get Device ID"},
    {IPMI_NETFN_APP, 0x02, "Cold Reset"},
    {IPMI_NETFN_APP, 0x03, "Warm Reset"},
    {IPMI_NETFN_APP, 0x04, "Get Self Test Results"},
    {IPMI_NETFN_APP, 0x05, "Manufacturing Test On"},
    {IPMI_NETFN_APP, 0x06, "Set ACPI Power State"},
    {IPMI_NETFN_APP, 0x07, "Get ACPI Power State"},
    {IPMI_NETFN_APP, 0x08, "Get Device GUID"},
    {IPMI_NETFN_APP, 0x09, "Get NetFn Support"},
    {IPMI_NETFN_APP, 0x0a, "Get Command Support"},
    {IPMI_NETFN_APP, 0x22, "Reset Watchdog Timer"},
    {IPMI_NETFN_APP, 0x24, "Set Watchdog Timer"},
    {IPMI_NETFN_APP, 0x25, "Get Watchdog Timer"},
    {IPMI_NETFN_APP, 0x2e, "Set BMC Global Enables"},
    {IPMI_NETFN_APP, 0x2f, "Get BMC Global Enables"},
    {IPMI_NETFN_APP, 0x30, "Clear Message Flags"},
    {IPMI_NETFN_APP, 0x31, "Get Message Flags"},
    {IPMI_NETFN_APP, 0x32, "Enable Message Channel Receive"},
    {IPMI_NETFN_APP, 0x33, "Get Message"},
    {IPMI_NETFN_APP, 0x34, "Send Message"},
    {IPMI_NETFN_APP, 0x35, "Read Event Message Buffer"},
    {IPMI_NETFN_APP, 0x37, "Get System GUID"},
    {IPMI_NETFN_APP, 0x38, "Get Channel Authentication Capabilities"},
    {IPMI_NETFN_APP, 0x39, "Get Session Challenge"},
    {IPMI_NETFN_APP, 0x3a, "Activate Session"},
    {IPMI_NETFN_APP, 0x3b, "Set Session Privilege Level"},
    {IPMI_NETFN_APP, 0x3c, "Close Session"},
    {IPMI_NETFN_APP, 0x3d, "Get Session Info"},
    {IPMI_NETFN_APP, 0x3f, "Get AuthCode"},
    {IPMI_NETFN_APP, 0x40, "Set Channel Access"},
    {IPMI_NETFN_APP, 0x41, "Get Channel Access"},
    {IPMI_NETFN_APP, 0x42, "Get Channel Info"},
    {IPMI_NETFN_APP, 0x43, "Set User Access"},
    {IPMI_NETFN_APP, 0x44, "Get User Access"},
    {IPMI_NETFN_APP, 0x45, "Set User Name"},
    {IPMI_NETFN_APP, 0x46, "Get User Name"},
    {IPMI_NETFN_APP, 0x47, "Set User Password"},
    {IPMI_NETFN_APP, 0x48, "Activate Payload"},
    {IPMI_NETFN_APP, 0x49, "Deactivate Payload"},
    {IPMI_NETFN_APP, 0x4a, "Get Payload Activation Status"},
    {IPMI_NETFN_APP, 0x4b, "Get Payload Instance Info"},
    {IPMI_NETFN_APP, 0x4c, "Set User Payload Access"},
    {IPMI_NETFN_APP, 0x4d, "Get User Payload Access"},
    {IPMI_NETFN_APP, 0x4e, "Get Channel Payload Support"},
    {IPMI_NETFN_APP, 0x4f, "Get Channel Payload Version"},
    {IPMI_NETFN_APP, 0x50, "Get Channel OEM Payload Info"},
    {IPMI_NETFN_APP, 0x52, "Master Write-Read"},
    {IPMI_NETFN_APP, 0x54, "Get Channel Cipher Suites"},
    {IPMI_NETFN_APP, 0x55, "Suspend/Resume Payload Encryption"},
    {IPMI_NETFN_APP, 0x56, "Set Channel Security Keys"},
    {IPMI_NETFN_APP, 0x57, "Get System Interface Capabilities"},
    {IPMI_NETFN_APP, 0x58, "Set System Info Parameters"},
    {IPMI_NETFN_APP, 0x59, "Get System Info Parameters"},
    /* §28: Chassis netFn (00h). */
    {IPMI_NETFN_CHASSIS, 0x00, "Get Chassis Capabilities"},
    {IPMI_NETFN_CHASSIS, 0x01, "Get Chassis Status"},
    {IPMI_NETFN_CHASSIS, 0x02, "Chassis Control"},
    {IPMI_NETFN_CHASSIS, 0x03, "Chassis Reset"},
    {IPMI_NETFN_CHASSIS, 0x04, "Chassis Identify"},
    {IPMI_NETFN_CHASSIS, 0x05, "Set Chassis Capabilities"},
    {IPMI_NETFN_CHASSIS, 0x06, "Set Power Restore Policy"},
    {IPMI_NETFN_CHASSIS, 0x07, "Get System Restart Cause"},
    {IPMI_NETFN_CHASSIS, 0x08, "Set System Boot Options"},
    {IPMI_NETFN_CHASSIS, 0x09, "Get System Boot Options"},
    {IPMI_NETFN_CHASSIS, 0x0a, "Set Front Panel Button Enables"},
    {IPMI_NETFN_CHASSIS, 0x0b, "Set Power Cycle Interval"},
    {IPMI_NETFN_CHASSIS, 0x0f, "Get POH Counter"},
    /* §29, §30, §35: Sensor/Event netFn (04h). */
    {IPMI_NETFN_SENSOR, 0x00, "Set Event Receiver"},
    {IPMI_NETFN_SENSOR, 0x01, "Get Event Receiver"},
    {IPMI_NETFN_SENSOR, 0x02, "Platform Event Message"},
    {IPMI_NETFN_SENSOR, 0x10, "Get PEF Capabilities"},
    {IPMI_NETFN_SENSOR, 0x11, "Arm PEF Postpone Timer"},
    {IPMI_NETFN_SENSOR, 0x12, "Set PEF Configuration Parameters"},
    {IPMI_NETFN_SENSOR, 0x13, "Get PEF Configuration Parameters"},
    {IPMI_NETFN_SENSOR, 0x14, "Set Last Processed Event ID"},
    {IPMI_NETFN_SENSOR, 0x15, "Get Last Processed Event ID"},
    {IPMI_NETFN_SENSOR, 0x16, "Alert Immediate"},
    {IPMI_NETFN_SENSOR, 0x17, "PET Acknowledge"},
    {IPMI_NETFN_SENSOR, 0x20, "Get Device SDR Info"},
    {IPMI_NETFN_SENSOR, 0x21, "Get Device SDR"},
    {IPMI_NETFN_SENSOR, 0x22, "Reserve Device SDR Repository"},
    {IPMI_NETFN_SENSOR, 0x23, "Get Sensor Reading Factors"},
    {IPMI_NETFN_SENSOR, 0x24, "Set Sensor Hysteresis"},
    {IPMI_NETFN_SENSOR, 0x25, "Get Sensor Hysteresis"},
    {IPMI_NETFN_SENSOR, 0x26, "Set Sensor Threshold"},
    {IPMI_NETFN_SENSOR, 0x27, "Get Sensor Threshold"},
    {IPMI_NETFN_SENSOR, 0x28, "Set Sensor Event Enable"},
    {IPMI_NETFN_SENSOR, 0x29, "Get Sensor Event Enable"},
    {IPMI_NETFN_SENSOR, 0x2a, "Re-arm Sensor Events"},
    {IPMI_NETFN_SENSOR, 0x2b, "Get Sensor Event Status"},
    {IPMI_NETFN_SENSOR, 0x2d, "Get Sensor Reading"},
    {IPMI_NETFN_SENSOR, 0x2e, "Set Sensor Type"},
    {IPMI_NETFN_SENSOR, 0x2f, "Get Sensor Type"},
    /* §34, §31, §33: Storage netFn (0Ah). */
    {IPMI_NETFN_STORAGE, 0x10, "Get FRU Inventory Area Info"},
    {IPMI_NETFN_STORAGE, 0x11, "Read FRU Data"},
    {IPMI_NETFN_STORAGE, 0x12, "Write FRU Data"},
    {IPMI_NETFN_STORAGE, 0x20, "Get SDR Repository Info"},
    {IPMI_NETFN_STORAGE, 0x21, "Get SDR Repository Allocation Info"},
    {IPMI_NETFN_STORAGE, 0x22, "Reserve SDR Repository"},
    {IPMI_NETFN_STORAGE, 0x23, "Get SDR"},
    {IPMI_NETFN_STORAGE, 0x24, "Add SDR"},
    {IPMI_NETFN_STORAGE, 0x25, "Partial Add SDR"},
    {IPMI_NETFN_STORAGE, 0x26, "Delete SDR"},
    {IPMI_NETFN_STORAGE, 0x27, "Clear SDR Repository"},
    {IPMI_NETFN_STORAGE, 0x28, "Get SDR Repository Time"},
    {IPMI_NETFN_STORAGE, 0x29, "Set SDR Repository Time"},
    {IPMI_NETFN_STORAGE, 0x2a, "Enter SDR Repository Update Mode"},
    {IPMI_NETFN_STORAGE, 0x2b, "Exit SDR Repository Update Mode"},
    {IPMI_NETFN_STORAGE, 0x2c, "Run Initialization Agent"},
    {IPMI_NETFN_STORAGE, 0x40, "Get SEL Info"},
    {IPMI_NETFN_STORAGE, 0x41, "Get SEL Allocation Info"},
    {IPMI_NETFN_STORAGE, 0x42, "Reserve SEL"},
    {IPMI_NETFN_STORAGE, 0x43, "Get SEL Entry"},
    {IPMI_NETFN_STORAGE, 0x44, "Add SEL Entry"},
    {IPMI_NETFN_STORAGE, 0x45, "Partial Add SEL Entry"},
    {IPMI_NETFN_STORAGE, 0x46, "Delete SEL Entry"},
    {IPMI_NETFN_STORAGE, 0x47, "Clear SEL"},
    {IPMI_NETFN_STORAGE, 0x48, "Get SEL Time"},
    {IPMI_NETFN_STORAGE, 0x49, "Set SEL Time"},
    {IPMI_NETFN_STORAGE, 0x5a, "Get Auxiliary Log Status"},
    {IPMI_NETFN_STORAGE, 0x5b, "Set Auxiliary Log Status"},
    {IPMI_NETFN_STORAGE, 0x5c, "Get SEL Time UTC Offset"},
    {IPMI_NETFN_STORAGE, 0x5d, "Set SEL Time UTC Offset"},
    /* §23, §25, §26: Transport netFn (0Ch). */
    {IPMI_NETFN_TRANSPORT, 0x01, "Set LAN Configuration Parameters"},
    {IPMI_NETFN_TRANSPORT, 0x02, "Get LAN Configuration Parameters"},
    {IPMI_NETFN_TRANSPORT, 0x03, "Suspend BMC ARPs"},
    {IPMI_NETFN_TRANSPORT, 0x04, "Get IP/UDP/RMCP Statistics"},
    {IPMI_NETFN_TRANSPORT, 0x10, "Set Serial/Modem Configuration"},
    {IPMI_NETFN_TRANSPORT, 0x11, "Get Serial/Modem Configuration"},
    /* §26.1-§26.3: SOL Activating is 20h, the parameters 21h and 22h. */
    {IPMI_NETFN_TRANSPORT, 0x20, "SOL Activating"},
    {IPMI_NETFN_TRANSPORT, 0x21, "Set SOL Configuration Parameters"},
    {IPMI_NETFN_TRANSPORT, 0x22, "Get SOL Configuration Parameters"},
};

const char *
names_cmd(uint8_t netfn, uint8_t cmd)
{
	uint8_t rq = netfn & ~1u;
	size_t	i;

	for (i = 0; i < NELEM(names_cmd_table); i++)
		if (names_cmd_table[i].netfn == rq &&
		    names_cmd_table[i].cmd == cmd)
			return names_cmd_table[i].name;
	return "unknown command";
}

/* IPMI 2.0 §6.8; 00h asks for the highest level in Open Session. */
static const char *const names_priv_table[] = {
    [IPMI_PRIV_NONE] = "HIGHEST",
    [IPMI_PRIV_CALLBACK] = "CALLBACK",
    [IPMI_PRIV_USER] = "USER",
    [IPMI_PRIV_OPERATOR] = "OPERATOR",
    [IPMI_PRIV_ADMIN] = "ADMINISTRATOR",
    [IPMI_PRIV_OEM] = "OEM",
    [IPMI_PRIV_NO_ACCESS] = "NO ACCESS",
};

const char *
names_priv(uint8_t priv)
{
	return names_index(names_priv_table, NELEM(names_priv_table), priv,
	    "reserved privilege");
}

/* IPMI 2.0 §13.6, table 13-8: the auth type byte of the session header. */
static const char *const names_authtype_table[] = {
    [0x00] = "NONE",
    [0x01] = "MD2",
    [0x02] = "MD5",
    [0x04] = "PASSWORD",
    [0x05] = "OEM",
    [0x06] = "RMCP+",
};

const char *
names_authtype(uint8_t authtype)
{
	return names_index(names_authtype_table, NELEM(names_authtype_table),
	    authtype, "reserved auth type");
}

/* IPMI 2.0 §13.27.3, table 13-16: payload types. */
static const char *const names_payload_table[] = {
    [RMCPP_PT_IPMI] = "IPMI",
    [RMCPP_PT_SOL] = "SOL",
    [RMCPP_PT_OEM_EXPLICIT] = "OEM explicit",
    [RMCPP_PT_OPEN_SESSION_REQ] = "Open Session Request",
    [RMCPP_PT_OPEN_SESSION_RSP] = "Open Session Response",
    [RMCPP_PT_RAKP1] = "RAKP Message 1",
    [RMCPP_PT_RAKP2] = "RAKP Message 2",
    [RMCPP_PT_RAKP3] = "RAKP Message 3",
    [RMCPP_PT_RAKP4] = "RAKP Message 4",
};

const char *
names_payload_type(uint8_t pt)
{
	pt &= RMCPP_PAYLOAD_TYPE_MASK;
	/* Table 13-16: 20h-27h are OEM payloads 0 to 7. */
	if (pt >= 0x20 && pt <= 0x27)
		return "OEM payload";
	return names_index(names_payload_table, NELEM(names_payload_table), pt,
	    "reserved payload type");
}

/*
 * IPMI 2.0 §13.28, tables 13-18 (authentication), 13-19 (integrity) and
 * 13-20 (confidentiality); the SHA-256 entries come from the 2.0 errata.
 * Bits 7:6 of the algorithm byte are reserved; 30h-3Fh are OEM.
 */
static const char *const names_auth_table[] = {
    "RAKP-none",
    "RAKP-HMAC-SHA1",
    "RAKP-HMAC-MD5",
    "RAKP-HMAC-SHA256",
};
static const char *const names_integ_table[] = {
    "none",
    "HMAC-SHA1-96",
    "HMAC-MD5-128",
    "MD5-128",
    "HMAC-SHA256-128",
};
static const char *const names_conf_table[] = {
    "none",
    "AES-CBC-128",
    "xRC4-128",
    "xRC4-40",
};

static const char *
names_alg(const char *const *t, size_t n, uint8_t alg)
{
	alg &= 0x3f;
	if (alg >= 0x30)
		return "OEM algorithm";
	return names_index(t, n, alg, "reserved algorithm");
}

const char *
names_auth_alg(uint8_t alg)
{
	return names_alg(names_auth_table, NELEM(names_auth_table), alg);
}

const char *
names_integ_alg(uint8_t alg)
{
	return names_alg(names_integ_table, NELEM(names_integ_table), alg);
}

const char *
names_conf_alg(uint8_t alg)
{
	return names_alg(names_conf_table, NELEM(names_conf_table), alg);
}

const char *
names_sensor_type(uint8_t t)
{
	static const char *const names[] = {"reserved", "temperature",
	    "voltage", "current", "fan", "physical security",
	    "platform security", "processor", "power supply", "power unit",
	    "cooling device", "other units-based sensor", "memory",
	    "drive slot", "POST memory resize", "system firmware progress",
	    "event logging disabled", "watchdog 1", "system event",
	    "critical interrupt", "button/switch", "module/board",
	    "microcontroller", "add-in card", "chassis", "chip set",
	    "other FRU", "cable/interconnect", "terminator",
	    "system boot initiated", "boot error", "OS boot",
	    "OS critical stop", "slot/connector", "system ACPI power state",
	    "watchdog 2", "platform alert", "entity presence", "monitor ASIC",
	    "LAN", "management subsystem health", "battery", "session audit",
	    "version change", "FRU state"};

	if (t >= 0xc0)
		return "OEM";
	return t < sizeof(names) / sizeof(names[0]) ? names[t] : "reserved";
}
