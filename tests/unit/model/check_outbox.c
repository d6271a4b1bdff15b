/* Tests for src/model/outbox.c: order, capacity, the full behaviour. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "outbox.h"

static struct model_outbox ob;

static void
setup(void)
{
	memset(&ob, 0x5a, sizeof(ob)); /* init must not rely on zeroes */
	outbox_init(&ob);
}

START_TEST(test_empty)
{
	struct model_out o;

	ck_assert_uint_eq(outbox_count(&ob), 0);
	ck_assert_uint_eq(outbox_room(&ob), MODEL_OUTBOX_MAX);
	ck_assert_uint_eq(outbox_dropped(&ob), 0);
	ck_assert_int_eq(outbox_take(&ob, &o), ERR_NOT_FOUND);
}
END_TEST

/* Oldest first, each with its kind, bytes and destination. */
START_TEST(test_fifo)
{
	const uint8_t	      a[] = {0x81, 0x1c, 0x63}, b[] = {0x20};
	struct model_out_dest d = {4, {192, 0, 2, 7}, 162};
	struct model_out      o;

	ck_assert_int_eq(
	    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, a, sizeof(a)), 0);
	ck_assert_int_eq(
	    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, &d, b, sizeof(b)), 0);
	ck_assert_uint_eq(outbox_count(&ob), 2);
	ck_assert_uint_eq(outbox_room(&ob), MODEL_OUTBOX_MAX - 2);
	ck_assert_int_eq(outbox_take(&ob, &o), 0);
	ck_assert_int_eq(o.kind, MODEL_OUT_SESSION_MESSAGE);
	ck_assert_uint_eq(o.len, 3);
	ck_assert_mem_eq(o.data, a, 3);
	ck_assert_uint_eq(o.dest.family, 0); /* the requester */
	ck_assert_int_eq(outbox_take(&ob, &o), 0);
	ck_assert_uint_eq(o.len, 1);
	ck_assert_uint_eq(o.data[0], 0x20);
	ck_assert_uint_eq(o.dest.family, 4);
	ck_assert_uint_eq(o.dest.addr[3], 7);
	ck_assert_uint_eq(o.dest.port, 162);
	ck_assert_uint_eq(outbox_count(&ob), 0);
	ck_assert_int_eq(outbox_take(&ob, &o), ERR_NOT_FOUND);
}
END_TEST

/*
 * Full: the put is refused and counted, what is queued stays as it was,
 * and taking one entry makes room for one more (the ring wraps).
 */
START_TEST(test_full)
{
	struct model_out o;
	uint8_t		 v;
	unsigned	 i, round;

	for (i = 0; i < MODEL_OUTBOX_MAX; i++) {
		v = (uint8_t)i;
		ck_assert_int_eq(
		    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, &v, 1), 0);
	}
	ck_assert_uint_eq(outbox_room(&ob), 0);
	v = 0xff;
	ck_assert_int_eq(
	    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, &v, 1),
	    ERR_NOSPACE);
	ck_assert_uint_eq(outbox_dropped(&ob), 1);
	ck_assert_uint_eq(outbox_count(&ob), MODEL_OUTBOX_MAX);
	/* Around the ring twice: order kept across the wrap. */
	for (round = 0; round < 2 * MODEL_OUTBOX_MAX; round++) {
		ck_assert_int_eq(outbox_take(&ob, &o), 0);
		ck_assert_uint_eq(o.len, 1);
		ck_assert_uint_eq(o.data[0], (uint8_t)round);
		v = (uint8_t)(round + MODEL_OUTBOX_MAX);
		ck_assert_int_eq(
		    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, &v, 1), 0);
		ck_assert_uint_eq(outbox_room(&ob), 0);
	}
	ck_assert_uint_eq(outbox_dropped(&ob), 1);
}
END_TEST

/* The largest entry fits; one byte more is refused, nothing queued. */
START_TEST(test_entry_size)
{
	static uint8_t	 big[MODEL_OUT_DATA_MAX + 1];
	struct model_out o;

	memset(big, 0x3c, sizeof(big));
	ck_assert_int_eq(outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, big,
			     MODEL_OUT_DATA_MAX + 1),
	    ERR_NOSPACE);
	ck_assert_uint_eq(outbox_count(&ob), 0);
	ck_assert_uint_eq(outbox_dropped(&ob), 1);
	ck_assert_int_eq(outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, big,
			     MODEL_OUT_DATA_MAX),
	    0);
	ck_assert_int_eq(outbox_take(&ob, &o), 0);
	ck_assert_uint_eq(o.len, MODEL_OUT_DATA_MAX);
	ck_assert_mem_eq(o.data, big, MODEL_OUT_DATA_MAX);
	/* An empty entry is an entry. */
	ck_assert_int_eq(
	    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, NULL, 0), 0);
	ck_assert_int_eq(outbox_take(&ob, &o), 0);
	ck_assert_uint_eq(o.len, 0);
	/* init empties it and clears the count. */
	ck_assert_int_eq(
	    outbox_put(&ob, MODEL_OUT_SESSION_MESSAGE, NULL, big, 1), 0);
	outbox_init(&ob);
	ck_assert_uint_eq(outbox_count(&ob), 0);
	ck_assert_uint_eq(outbox_dropped(&ob), 0);
}
END_TEST

static Suite *
outbox_suite(void)
{
	Suite *s = suite_create("outbox");
	TCase *tc = tcase_create("outbox");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_fifo);
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_entry_size);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(outbox_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
