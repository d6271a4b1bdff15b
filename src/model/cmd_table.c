/*
 * The command table: every command a simulated BMC answers, with its
 * minimum privilege (IPMI 2.0 appendix G, table G-1), its request length
 * limits, and whether it is answered outside a session.  A command that
 * is not here answers C1h.
 */
#include <stddef.h>

#include "bmc_impl.h"

#define APP	IPMI_NETFN_APP
#define CHASSIS IPMI_NETFN_CHASSIS
#define CB	IPMI_PRIV_CALLBACK
#define USER	IPMI_PRIV_USER
#define OPER	IPMI_PRIV_OPERATOR
#define ADMIN	IPMI_PRIV_ADMIN

static const struct cmd_entry cmd_table[] = {
    /* netfn, cmd, privilege, min, max, sessionless, handler, name */
    {CHASSIS, CMD_CHASSIS_GET_CAPABILITIES, USER, 0, 0, 0,
	cmd_chassis_get_capabilities, "Get Chassis Capabilities"},
    {CHASSIS, CMD_CHASSIS_GET_STATUS, USER, 0, 0, 0, cmd_chassis_get_status,
	"Get Chassis Status"},
    {CHASSIS, CMD_CHASSIS_CONTROL, OPER, 1, 1, 0, cmd_chassis_control,
	"Chassis Control"},
    {CHASSIS, CMD_CHASSIS_IDENTIFY, OPER, 0, 2, 0, cmd_chassis_identify,
	"Chassis Identify"},
    {CHASSIS, CMD_CHASSIS_SET_POWER_RESTORE, OPER, 1, 1, 0,
	cmd_chassis_set_power_restore, "Set Power Restore Policy"},
    {CHASSIS, CMD_CHASSIS_GET_RESTART_CAUSE, USER, 0, 0, 0,
	cmd_chassis_get_restart_cause, "Get System Restart Cause"},
    /* Parameter 7 is the longest: selector, set selector, 16 bytes. */
    {CHASSIS, CMD_CHASSIS_SET_BOOT_OPTIONS, OPER, 1, 18, 0,
	cmd_chassis_set_boot_options, "Set System Boot Options"},
    {CHASSIS, CMD_CHASSIS_GET_BOOT_OPTIONS, OPER, 3, 3, 0,
	cmd_chassis_get_boot_options, "Get System Boot Options"},
    {CHASSIS, CMD_CHASSIS_GET_POH_COUNTER, USER, 0, 0, 0,
	cmd_chassis_get_poh_counter, "Get POH Counter"},

    {APP, CMD_APP_GET_DEVICE_ID, USER, 0, 0, 0, cmd_app_get_device_id,
	"Get Device ID"},
    {APP, CMD_APP_COLD_RESET, ADMIN, 0, 0, 0, cmd_app_cold_reset, "Cold Reset"},
    {APP, CMD_APP_WARM_RESET, ADMIN, 0, 0, 0, cmd_app_warm_reset, "Warm Reset"},
    {APP, CMD_APP_GET_SELF_TEST, USER, 0, 0, 0, cmd_app_get_self_test,
	"Get Self Test Results"},
    {APP, CMD_APP_SET_ACPI_POWER_STATE, ADMIN, 2, 2, 0,
	cmd_app_set_acpi_power_state, "Set ACPI Power State"},
    {APP, CMD_APP_GET_ACPI_POWER_STATE, USER, 0, 0, 0,
	cmd_app_get_acpi_power_state, "Get ACPI Power State"},
    {APP, CMD_APP_GET_DEVICE_GUID, USER, 0, 0, 0, cmd_app_get_device_guid,
	"Get Device GUID"},
    /* Channel byte, then an IPMB request of 7 bytes or more. */
    {APP, CMD_APP_SEND_MESSAGE, USER, 8, 255, 0, cmd_app_send_message,
	"Send Message"},
    /* Appendix G: Get System GUID needs no session. */
    {APP, CMD_APP_GET_SYSTEM_GUID, CB, 0, 0, 1, cmd_app_get_system_guid,
	"Get System GUID"},
    /* Index, then a handle (FEh) or a session ID (FFh). */
    {APP, CMD_APP_GET_SESSION_INFO, USER, 1, 5, 0, cmd_app_get_session_info,
	"Get Session Info"},
    {APP, CMD_APP_SET_CHANNEL_ACCESS, ADMIN, 3, 3, 0,
	cmd_app_set_channel_access, "Set Channel Access"},
    {APP, CMD_APP_GET_CHANNEL_ACCESS, USER, 2, 2, 0, cmd_app_get_channel_access,
	"Get Channel Access"},
    {APP, CMD_APP_GET_CHANNEL_INFO, USER, 1, 1, 0, cmd_app_get_channel_info,
	"Get Channel Info"},
    /* The session limit byte is optional. */
    {APP, CMD_APP_SET_USER_ACCESS, ADMIN, 3, 4, 0, cmd_app_set_user_access,
	"Set User Access"},
    {APP, CMD_APP_GET_USER_ACCESS, OPER, 2, 2, 0, cmd_app_get_user_access,
	"Get User Access"},
    {APP, CMD_APP_SET_USER_NAME, ADMIN, 17, 17, 0, cmd_app_set_user_name,
	"Set User Name"},
    {APP, CMD_APP_GET_USER_NAME, OPER, 1, 1, 0, cmd_app_get_user_name,
	"Get User Name"},
    /* 2 (enable, disable), 18 or 22 bytes: the handler decides. */
    {APP, CMD_APP_SET_USER_PASSWORD, ADMIN, 2, 22, 0, cmd_app_set_user_password,
	"Set User Password"},
    /* §22.15: asked before a session, to pick a suite. */
    {APP, CMD_APP_GET_CHANNEL_CIPHER_SUITES, CB, 3, 3, 1,
	cmd_app_get_channel_cipher_suites, "Get Channel Cipher Suites"},
};

const struct cmd_entry *
cmd_table_find(uint8_t netfn, uint8_t cmd)
{
	size_t i;

	const struct bmc_area *const *a;

	for (i = 0; i < sizeof(cmd_table) / sizeof(cmd_table[0]); i++)
		if (cmd_table[i].netfn == netfn && cmd_table[i].cmd == cmd)
			return &cmd_table[i];
	for (a = bmc_areas; *a != NULL; a++)
		for (i = 0; i < (*a)->ncmds; i++)
			if ((*a)->cmds[i].netfn == netfn &&
			    (*a)->cmds[i].cmd == cmd)
				return &(*a)->cmds[i];
	return NULL;
}
