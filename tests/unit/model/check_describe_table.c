/*
 * The table test of the command describer (src/codec/describe_cmd.c):
 * every command of every area of the model (bmc_areas) is sent to a real
 * BMC of sim-configs/lab.ini with a valid request, and the request and the reply are described.
 * Each must be known to the describer, each description must take the
 * whole data (no field missing, no byte left over), and the descriptions
 * of all of them together must equal tests/data/describe_cmd_table.golden
 * (the known answer, read field by field when it was written; regenerate
 * it with DESCRIBE_GOLDEN_WRITE=1 and review the diff).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bmc_impl.h"
#include "bmc_testutil.h"
#include "config.h"
#include "describe_cmd.h"
#include "err.h"
#include "hexdump.h"

#define GOLDEN TEST_DATA_DIR "/describe_cmd_table.golden"
/* The teaching lab's machine: sensors, SDRs, SEL, FRU, DCMI, LAN. */
#define LAB_INI TEST_DATA_DIR "/../../sim-configs/lab.ini"

/*
 * A request that succeeds on the lab BMC where zeros do not (the model's
 * own tests show what each command wants), and what must come first.
 */
static const struct sample {
	uint8_t	    netfn;
	uint8_t	    cmd;
	const char *hex;
	/* Sent first: what the command needs done before it. */
	uint8_t	    pre_cmd;
	const char *pre_hex;
	/* The pre-command's reply starts with a reservation ID: use it. */
	int resv;
} samples[] = {
    {IPMI_NETFN_APP, 0x06, "80 80", 0, NULL, 0}, /* S0, D0 */
    {IPMI_NETFN_APP, 0x24, "04 01 00 00 64 00", 0, NULL,
	0}, /* SMS/OS, reset, 10 s */
    {IPMI_NETFN_APP, 0x22, "", 0x24, "04 01 00 00 64 00", 0},
    {IPMI_NETFN_APP, 0x34, "40 20 18 c8 81 00 01 7e", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x3d, "00", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x40, "01 82 84", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x41, "01 40", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x42, "01", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x43, "91 05 03", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x44, "01 02", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x45, "05 6c 61 62 00 00 00 00 00 00 00 00 00 00 00 00 00",
	0, NULL, 0},
    {IPMI_NETFN_APP, 0x46, "02", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x47,
	"02 03 70 61 73 73 77 6f 72 64 00 00 00 00 00 00 00 00", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x54, "01 00 80", 0, NULL, 0},
    /* Payload commands that need no active session: channel 1, SOL. */
    {IPMI_NETFN_APP, 0x4a, "01", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x4b, "01 01", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x4c, "01 02 02 00 00 00", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x4d, "01 02", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x4e, "01", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x4f, "01 01", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x56, "01 00 01", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x58, "01 00 00 05 31 2e 30 2e 30", 0, NULL, 0},
    {IPMI_NETFN_APP, 0x59, "00 01 00 00", 0, NULL, 0},
    {IPMI_NETFN_CHASSIS, 0x02, "01", 0, NULL, 0},
    {IPMI_NETFN_CHASSIS, 0x06, "03", 0, NULL, 0},
    {IPMI_NETFN_CHASSIS, 0x08, "05 80 04 00 00 00", 0, NULL, 0},
    {IPMI_NETFN_CHASSIS, 0x09, "05 00 00", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x02, "04 01 01 01 57 ff ff", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x12, "01 00", 0, NULL, 0}, /* PEF control: off */
    {IPMI_NETFN_SENSOR, 0x21, "00 00 00 00 00 ff", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x23, "01 00", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x24, "01 ff 02 02", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x25, "01 ff", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x26, "01 00 00 00 00 00 00 00", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x27, "01", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x28, "01 c0", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x29, "01", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x2a, "01 80", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x2b, "01", 0, NULL, 0},
    {IPMI_NETFN_SENSOR, 0x2d, "01", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x11, "00 00 00 08", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x12, "00 f0 00 aa", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x23, "00 00 00 00 00 ff", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x43, "00 00 00 00 00 ff", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x44,
	"00 00 02 00 00 00 00 20 00 04 01 01 01 57 ff ff", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x46, "00 00 01 00", 0x42, "", 1},
    {IPMI_NETFN_STORAGE, 0x47, "00 00 43 4c 52 aa", 0x42, "", 1},
    {IPMI_NETFN_STORAGE, 0x49, "00 00 00 60", 0, NULL, 0},
    {IPMI_NETFN_STORAGE, 0x5d, "3c 00", 0, NULL, 0},
    {IPMI_NETFN_TRANSPORT, 0x01, "01 04 01", 0, NULL, 0},
    {IPMI_NETFN_TRANSPORT, 0x02, "01 03 00 00", 0, NULL, 0},
    {IPMI_NETFN_TRANSPORT, 0x21, "01 01 01", 0, NULL, 0},
    {IPMI_NETFN_TRANSPORT, 0x22, "01 01 00 00", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x01, "dc 01", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x02, "dc 01 00 00", 0, NULL, 0},
    /* A limit set, then activated (below): DCMI 1.5 §6.6.2. */
    {IPMI_NETFN_GROUP, 0x03, "dc 00 00", 0x04,
	"dc 00 00 00 01 c8 00 e8 03 00 00 00 00 01 00", 0},
    {IPMI_NETFN_GROUP, 0x04, "dc 00 00 00 01 c8 00 e8 03 00 00 00 00 01 00", 0,
	NULL, 0},
    {IPMI_NETFN_GROUP, 0x05, "dc 00 00 00", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x06, "dc 00 10", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x07, "dc 01 40 00 00", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x08, "dc 00 03 61 62 63", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x09, "dc 00 10", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x0a, "dc 00 03 61 62 63", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x10, "dc 01 40 00 00", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x12, "dc 01 00 01", 0, NULL, 0},
    {IPMI_NETFN_GROUP, 0x13, "dc 01 00", 0, NULL, 0},
};

static const struct sample *
sample_for(uint8_t netfn, uint8_t cmd)
{
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (samples[i].netfn == netfn && samples[i].cmd == cmd)
			return &samples[i];
	return NULL;
}

/* Zeros of the command's shortest request. */
static void
zeros(char *hex, size_t cap, unsigned n)
{
	size_t	 len = 0;
	unsigned i;

	hex[0] = '\0';
	for (i = 0; i < n && len + 4 < cap; i++)
		len += (size_t)snprintf(hex + len, cap - len, "00 ");
}

START_TEST(test_every_command_described)
{
	const struct bmc_area *const *a;
	const struct cmd_entry	     *e;
	struct tb		      t;
	char			     *out = NULL, *golden, *text = NULL;
	char			      hex[64], head[160];
	const char		     *req;
	const struct sample	     *sm;
	uint8_t			      data[64];
	size_t			      n, i, i2, outlen = 0, tlen = 0;
	unsigned		      count = 0;
	FILE			     *fp, *g;
	struct config		     *lab = NULL;
	struct config_diag	      diag;
	uint8_t			      cc;

	memset(&diag, 0, sizeof(diag));
	ck_assert_int_eq(config_load(LAB_INI, &lab, &diag), 0);
	config_diag_clear(&diag);
	fp = open_memstream(&out, &outlen);
	ck_assert_ptr_nonnull(fp);
	for (a = bmc_areas; *a != NULL; a++) {
		for (i = 0; i < (*a)->ncmds; i++) {
			e = &(*a)->cmds[i];
			/* A fresh BMC each time: no command sees another's. */
			tb_init(&t);
			t.cfg.model = lab->models[0];
			tb_start(&t);
			sm = sample_for(e->netfn, e->cmd);
			if (sm == NULL) {
				zeros(hex, sizeof(hex), e->req_min);
				req = hex;
			} else
				req = sm->hex;
			ck_assert_int_eq(
			    hexdump_parse(req, data, sizeof(data), &n), 0);
			if (sm != NULL && sm->pre_hex != NULL) {
				ck_assert_uint_eq(
				    tb_call(&t, IPMI_PRIV_ADMIN, e->netfn,
					sm->pre_cmd, sm->pre_hex),
				    0);
				if (e->netfn == IPMI_NETFN_GROUP &&
				    e->cmd == 0x03)
					ck_assert_uint_eq(
					    tb_call(&t, IPMI_PRIV_ADMIN,
						IPMI_NETFN_GROUP, 0x05,
						"dc 01 00 00"),
					    0);
				if (sm->resv) {
					data[0] = t.data[0];
					data[1] = t.data[1];
				}
			}
			/* tb_call takes hex: the data as it now is. */
			for (hex[0] = '\0', i2 = 0; i2 < n; i2++)
				snprintf(hex + 3 * i2, sizeof(hex) - 3 * i2,
				    "%02x ", data[i2]);
			req = hex;
			ck_assert_msg(describe_cmd_known(e->netfn, e->cmd,
					  n > 0 ? data[0] : 0),
			    "%s (%02xh/%02xh) unknown to the describer",
			    e->name, e->netfn, e->cmd);
			cc = tb_call(
			    &t, IPMI_PRIV_ADMIN, e->netfn, e->cmd, req);
			/*
			 * A command added to the model without a sample here
			 * is still described (its request); the golden file
			 * then shows it waiting for one.
			 */
			if (cc != 0 && sm == NULL) {
				fprintf(fp,
				    "%s (netFn %02xh, %02xh): no sample "
				    "request "
				    "(zeros: completion code %02xh)\n",
				    e->name, e->netfn, e->cmd, cc);
				ck_assert_int_eq(
				    describe_cmd_data(fp, "", data, e->netfn,
					e->cmd, 0, data, n),
				    1);
				tb_free(&t);
				count++;
				continue;
			}
			ck_assert_msg(cc == 0,
			    "%s (%02xh/%02xh, request %s): completion code "
			    "%02xh",
			    e->name, e->netfn, e->cmd, req, cc);
			snprintf(head, sizeof(head),
			    "%s (netFn %02xh, %02xh)\n", e->name, e->netfn,
			    e->cmd);
			fputs(head, fp);
			fputs(" request\n", fp);
			ck_assert_int_eq(describe_cmd_data(fp, "", data,
					     e->netfn, e->cmd, 0, data, n),
			    1);
			fputs(" response\n", fp);
			ck_assert_int_eq(describe_cmd_data(fp, "", t.data,
					     (uint8_t)(e->netfn | 1), e->cmd, 0,
					     t.data, t.len),
			    1);
			tb_free(&t);
			count++;
		}
	}
	fclose(fp);
	/* Every byte described: none missing, none left over. */
	ck_assert_msg(strstr(out, "** truncated") == NULL,
	    "a field is missing: %.300s", strstr(out, "** truncated"));
	ck_assert_msg(strstr(out, "extra data") == NULL,
	    "bytes left over: %.300s", strstr(out, "extra data"));
	ck_assert_uint_ge(count, 87);
	if (getenv("DESCRIBE_GOLDEN_WRITE") != NULL) {
		g = fopen(GOLDEN, "w");
		ck_assert_ptr_nonnull(g);
		fputs(out, g);
		fclose(g);
	}
	g = fopen(GOLDEN, "r");
	ck_assert_msg(g != NULL, "no %s", GOLDEN);
	golden = calloc(1, outlen + 2);
	ck_assert_ptr_nonnull(golden);
	tlen = fread(golden, 1, outlen + 1, g);
	fclose(g);
	text = golden;
	if (tlen != outlen || memcmp(text, out, outlen) != 0) {
		/* The whole output, for a diff against the golden file. */
		g = fopen("describe_cmd_table.out", "w");
		if (g != NULL) {
			fputs(out, g);
			fclose(g);
		}
		ck_abort_msg("the descriptions differ from %s: see "
			     "describe_cmd_table.out",
		    GOLDEN);
	}
	free(golden);
	free(out);
	config_free(lab);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("describe_table");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_command_described);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
