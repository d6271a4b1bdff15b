/* Tests for src/codec/names.c: names of protocol numbers. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipmimsg.h"
#include "names.h"
#include "rakp.h"
#include "rmcpp.h"

typedef const char *name1_fn(uint8_t);

static name1_fn *const all_name1[] = {
    names_cc,
    names_rmcpp_status,
    names_netfn,
    names_priv,
    names_authtype,
    names_payload_type,
    names_auth_alg,
    names_integ_alg,
    names_conf_alg,
};

/* Every value of every function has a name: never NULL, never empty. */
START_TEST(test_never_null)
{
	name1_fn   *fn = all_name1[_i];
	const char *s;
	unsigned    v;

	for (v = 0; v < 256; v++) {
		ck_assert_ptr_nonnull(s = fn((uint8_t)v));
		ck_assert_uint_gt(strlen(s), 0);
	}
}
END_TEST

START_TEST(test_cmd_never_null)
{
	unsigned nf, cmd;

	for (nf = 0; nf < 64; nf++)
		for (cmd = 0; cmd < 256; cmd++)
			ck_assert_ptr_nonnull(
			    names_cmd((uint8_t)nf, (uint8_t)cmd));
}
END_TEST

/* IPMI 2.0 table 5-2. */
START_TEST(test_cc)
{
	ck_assert_str_eq(names_cc(IPMI_CC_OK), "command completed normally");
	ck_assert_str_eq(names_cc(IPMI_CC_INVALID_CMD), "invalid command");
	ck_assert_str_eq(names_cc(IPMI_CC_REQ_DATA_LEN_INVALID),
	    "request data length invalid");
	ck_assert_str_eq(names_cc(IPMI_CC_INSUFFICIENT_PRIV),
	    "insufficient privilege level or other security restriction");
	ck_assert_str_eq(names_cc(IPMI_CC_UNSPECIFIED), "unspecified error");
	ck_assert_str_eq(names_cc(0x81), "command-specific completion code");
	ck_assert_str_eq(
	    names_cc(0x01), "device-specific (OEM) completion code");
	ck_assert_str_eq(names_cc(0xd7), "reserved completion code");
}
END_TEST

/* IPMI 2.0 table 13-15: every status code 00h-12h has its own name. */
START_TEST(test_rmcpp_status)
{
	const char *names[RMCPP_STATUS_ILLEGAL_PARAMETER + 1];
	unsigned    i, j;

	for (i = 0; i <= RMCPP_STATUS_ILLEGAL_PARAMETER; i++) {
		names[i] = names_rmcpp_status((uint8_t)i);
		ck_assert_str_ne(names[i], "reserved status code");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(names[i], names[j]);
	}
	ck_assert_str_eq(names_rmcpp_status(RMCPP_STATUS_UNAUTHORIZED_NAME),
	    "unauthorized name");
	ck_assert_str_eq(names_rmcpp_status(RMCPP_STATUS_NO_SUITE_MATCH),
	    "no cipher suite match with proposed security algorithms");
	ck_assert_str_eq(names_rmcpp_status(0x13), "reserved status code");
}
END_TEST

START_TEST(test_netfn)
{
	ck_assert_str_eq(names_netfn(IPMI_NETFN_APP), "App");
	ck_assert_str_eq(names_netfn(IPMI_NETFN_APP | 1), "App");
	ck_assert_str_eq(names_netfn(IPMI_NETFN_CHASSIS), "Chassis");
	ck_assert_str_eq(names_netfn(IPMI_NETFN_SENSOR), "Sensor/Event");
	ck_assert_str_eq(names_netfn(IPMI_NETFN_STORAGE | 1), "Storage");
	ck_assert_str_eq(names_netfn(IPMI_NETFN_TRANSPORT), "Transport");
	ck_assert_str_eq(names_netfn(IPMI_NETFN_GROUP | 1), "Group Extension");
	ck_assert_str_eq(names_netfn(0x30), "controller-specific OEM");
	ck_assert_str_eq(names_netfn(0x10), "reserved netFn");
}
END_TEST

START_TEST(test_cmd)
{
	ck_assert_str_eq(names_cmd(IPMI_NETFN_APP, 0x38),
	    "Get Channel Authentication Capabilities");
	ck_assert_str_eq(names_cmd(IPMI_NETFN_APP | 1, 0x01), "Get Device ID");
	ck_assert_str_eq(names_cmd(IPMI_NETFN_APP, 0x3c), "Close Session");
	ck_assert_str_eq(
	    names_cmd(IPMI_NETFN_APP, 0x54), "Get Channel Cipher Suites");
	ck_assert_str_eq(
	    names_cmd(IPMI_NETFN_CHASSIS, 0x01), "Get Chassis Status");
	ck_assert_str_eq(
	    names_cmd(IPMI_NETFN_CHASSIS, 0x02), "Chassis Control");
	ck_assert_str_eq(
	    names_cmd(IPMI_NETFN_SENSOR, 0x2d), "Get Sensor Reading");
	ck_assert_str_eq(names_cmd(IPMI_NETFN_STORAGE, 0x43), "Get SEL Entry");
	ck_assert_str_eq(names_cmd(IPMI_NETFN_TRANSPORT, 0x02),
	    "Get LAN Configuration Parameters");
	/* The same number in another netFn is another command. */
	ck_assert_str_eq(
	    names_cmd(IPMI_NETFN_STORAGE, 0x01), "unknown command");
	ck_assert_str_eq(names_cmd(IPMI_NETFN_GROUP, 0x3e), "unknown command");
}
END_TEST

START_TEST(test_priv)
{
	ck_assert_str_eq(names_priv(IPMI_PRIV_CALLBACK), "CALLBACK");
	ck_assert_str_eq(names_priv(IPMI_PRIV_USER), "USER");
	ck_assert_str_eq(names_priv(IPMI_PRIV_OPERATOR), "OPERATOR");
	ck_assert_str_eq(names_priv(IPMI_PRIV_ADMIN), "ADMINISTRATOR");
	ck_assert_str_eq(names_priv(IPMI_PRIV_OEM), "OEM");
	ck_assert_str_eq(names_priv(IPMI_PRIV_NO_ACCESS), "NO ACCESS");
	ck_assert_str_eq(names_priv(0x06), "reserved privilege");
}
END_TEST

START_TEST(test_authtype)
{
	ck_assert_str_eq(names_authtype(0x00), "NONE");
	ck_assert_str_eq(names_authtype(0x01), "MD2");
	ck_assert_str_eq(names_authtype(0x02), "MD5");
	ck_assert_str_eq(names_authtype(0x03), "reserved auth type");
	ck_assert_str_eq(names_authtype(0x04), "PASSWORD");
	ck_assert_str_eq(names_authtype(0x05), "OEM");
	ck_assert_str_eq(names_authtype(0x06), "RMCP+");
	ck_assert_str_eq(names_authtype(0x07), "reserved auth type");
}
END_TEST

START_TEST(test_payload_type)
{
	ck_assert_str_eq(names_payload_type(RMCPP_PT_IPMI), "IPMI");
	ck_assert_str_eq(names_payload_type(RMCPP_PT_SOL), "SOL");
	ck_assert_str_eq(
	    names_payload_type(RMCPP_PT_OEM_EXPLICIT), "OEM explicit");
	ck_assert_str_eq(names_payload_type(RMCPP_PT_OPEN_SESSION_REQ),
	    "Open Session Request");
	ck_assert_str_eq(names_payload_type(RMCPP_PT_RAKP4), "RAKP Message 4");
	/* The encrypted and authenticated bits do not change the type. */
	ck_assert_str_eq(
	    names_payload_type(0xc0 | RMCPP_PT_RAKP1), "RAKP Message 1");
	ck_assert_str_eq(names_payload_type(0x21), "OEM payload");
	ck_assert_str_eq(names_payload_type(0x16), "reserved payload type");
}
END_TEST

START_TEST(test_algorithms)
{
	ck_assert_str_eq(names_auth_alg(0), "RAKP-none");
	ck_assert_str_eq(names_auth_alg(1), "RAKP-HMAC-SHA1");
	ck_assert_str_eq(names_auth_alg(2), "RAKP-HMAC-MD5");
	ck_assert_str_eq(names_auth_alg(3), "RAKP-HMAC-SHA256");
	ck_assert_str_eq(names_auth_alg(4), "reserved algorithm");
	ck_assert_str_eq(names_integ_alg(0), "none");
	ck_assert_str_eq(names_integ_alg(1), "HMAC-SHA1-96");
	ck_assert_str_eq(names_integ_alg(2), "HMAC-MD5-128");
	ck_assert_str_eq(names_integ_alg(3), "MD5-128");
	ck_assert_str_eq(names_integ_alg(4), "HMAC-SHA256-128");
	ck_assert_str_eq(names_integ_alg(5), "reserved algorithm");
	ck_assert_str_eq(names_conf_alg(0), "none");
	ck_assert_str_eq(names_conf_alg(1), "AES-CBC-128");
	ck_assert_str_eq(names_conf_alg(2), "xRC4-128");
	ck_assert_str_eq(names_conf_alg(3), "xRC4-40");
	ck_assert_str_eq(names_conf_alg(0x30), "OEM algorithm");
	ck_assert_str_eq(names_auth_alg(0x3f), "OEM algorithm");
}
END_TEST

/* IPMI 2.0 table 42-3: both ends of the table, past it, and OEM. */
START_TEST(test_sensor_type)
{
	ck_assert_str_eq(names_sensor_type(0x00), "reserved");
	ck_assert_str_eq(names_sensor_type(0x01), "temperature");
	ck_assert_str_eq(names_sensor_type(0x05), "physical security");
	ck_assert_str_eq(names_sensor_type(0x23), "watchdog 2");
	ck_assert_str_eq(names_sensor_type(0x2c), "FRU state");
	ck_assert_str_eq(names_sensor_type(0x2d), "reserved");
	ck_assert_str_eq(names_sensor_type(0xbf), "reserved");
	ck_assert_str_eq(names_sensor_type(0xc0), "OEM");
	ck_assert_str_eq(names_sensor_type(0xff), "OEM");
}
END_TEST

static Suite *
names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(
	    tc, test_never_null, 0, sizeof(all_name1) / sizeof(all_name1[0]));
	tcase_add_test(tc, test_cmd_never_null);
	tcase_add_test(tc, test_cc);
	tcase_add_test(tc, test_rmcpp_status);
	tcase_add_test(tc, test_netfn);
	tcase_add_test(tc, test_cmd);
	tcase_add_test(tc, test_priv);
	tcase_add_test(tc, test_authtype);
	tcase_add_test(tc, test_payload_type);
	tcase_add_test(tc, test_algorithms);
	tcase_add_test(tc, test_sensor_type);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(names_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
