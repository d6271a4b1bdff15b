/* Tests for src/client/petack.c: a PET Acknowledge built from a trap. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "petack.h"
#include "snmp.h"

/* FreeIPMI's man page / Dell vector (shared/reference/pet.md §3.3). */
static const uint8_t dell_pet[47] = {0x44, 0x45, 0x4c, 0x4c, 0x50, 0x00, 0x10,
    0x59, 0x80, 0x43, 0xb2, 0xc0, 0x4f, 0x33, 0x33, 0x58, 0x00, 0x02, 0x19,
    0xe8, 0x7e, 0x26, 0xff, 0xff, 0x20, 0x20, 0x04, 0x20, 0x73, 0x18, 0x00,
    0x80, 0x01, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x19, 0x00, 0x00, 0x02,
    0xa2, 0x01, 0x00, 0xc1};

static size_t
make_trap(const uint8_t *pet, size_t petlen, uint8_t *out, size_t cap)
{
	struct snmp_trap t;
	size_t		 len;

	memset(&t, 0, sizeof(t));
	t.community = (const uint8_t *)"public";
	t.community_len = 6;
	t.enterprise = pet_enterprise_oid;
	t.generic_trap = 6;
	t.specific_trap = 356224;
	t.vb[0].name = pet_binding_oid;
	t.vb[0].type = BER_OCTET_STRING;
	t.vb[0].value = pet;
	t.vb[0].value_len = petlen;
	t.nvb = 1;
	ck_assert_int_eq(snmp_encode_trap(&t, out, cap, &len), 0);
	return len;
}

START_TEST(test_data)
{
	uint8_t		     d[PETACK_DATA_LEN];
	static const uint8_t want[PETACK_DATA_LEN] = {0x02, 0x00, 0x26, 0x7e,
	    0xe8, 0x19, 0x20, 0x20, 0x73, 0x80, 0x01, 0xff};

	ck_assert_int_eq(petack_data(dell_pet, sizeof(dell_pet), d), 0);
	ck_assert_mem_eq(d, want, sizeof(want));
	ck_assert_int_ne(petack_data(dell_pet, 20, d), 0);
}
END_TEST

/*
 * The datagram ipmi-pet --pet-acknowledge sent for this trap (captured,
 * shared/reference/pet.md §3.6), rqSeq 29 (74h) as it chose.
 */
START_TEST(test_encode)
{
	uint8_t		     trap[256], out[128];
	size_t		     tlen, len, cut;
	static const uint8_t want[] = {0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00,
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x13, 0x20, 0x10, 0xd0, 0x81,
	    0x74, 0x17, 0x02, 0x00, 0x26, 0x7e, 0xe8, 0x19, 0x20, 0x20, 0x73,
	    0x80, 0x01, 0xff, 0x1a};

	tlen = make_trap(dell_pet, sizeof(dell_pet), trap, sizeof(trap));
	ck_assert_int_eq(
	    petack_encode(trap, tlen, 29, out, sizeof(out), &len), 0);
	ck_assert_uint_eq(len, sizeof(want));
	ck_assert_mem_eq(out, want, sizeof(want));
	/* Every shorter trap is refused; so is a short buffer. */
	for (cut = 0; cut < tlen; cut++)
		ck_assert_int_ne(
		    petack_encode(trap, cut, 29, out, sizeof(out), &len), 0);
	ck_assert_int_ne(petack_encode(trap, tlen, 1, out, 20, &len), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("petack");
	TCase	*tc = tcase_create("petack");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_data);
	tcase_add_test(tc, test_encode);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
