#include <check.h>
#include <stdlib.h>

#include "err.h"
#include "rng.h"
#include "session_table.h"

START_TEST(test_ids_random_nonzero_unique)
{
	struct rng	     *rng = rng_new_seeded(7);
	struct session_table *t = session_table_new(15, 16, rng);
	struct session	     *s[16];
	int		      err, i, j;

	for (i = 0; i < 16; i++) {
		s[i] = session_table_open(t, 1000, &err);
		ck_assert_ptr_nonnull(s[i]);
		ck_assert_uint_ne(s[i]->bmc_sid, 0);
		for (j = 0; j < i; j++)
			ck_assert_uint_ne(s[i]->bmc_sid, s[j]->bmc_sid);
		ck_assert_ptr_eq(session_table_find(t, s[i]->bmc_sid), s[i]);
	}
	ck_assert_uint_eq(session_table_halfopen_count(t), 16);
	session_table_free(t);
	rng_free(rng);
}
END_TEST

START_TEST(test_zero_id_redrawn)
{
	struct rng	     *rng = rng_new_script();
	struct session_table *t = session_table_new(2, 2, rng);
	struct session	     *s;
	int		      err;

	rng_script_push(rng, "\0\0\0\0\x05\0\0\0", 8);
	s = session_table_open(t, 10, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->bmc_sid, 5);
	session_table_free(t);
	rng_free(rng);
}
END_TEST

START_TEST(test_handles_cycle_and_unique)
{
	struct rng	     *rng = rng_new_seeded(1);
	struct session_table *t = session_table_new(3, 3, rng);
	struct session	     *s;
	uint8_t		      seen[64] = {0};
	int		      err, i;

	for (i = 0; i < 70; i++) {
		s = session_table_open(t, 100, &err);
		ck_assert_ptr_nonnull(s);
		ck_assert_int_eq(session_table_activate(t, s, 1000), 0);
		ck_assert_uint_ge(s->handle, 1);
		ck_assert_uint_le(s->handle, 63);
		seen[s->handle] = 1;
		ck_assert_ptr_eq(session_table_find_handle(t, s->handle), s);
		session_table_close(t, s);
	}
	for (i = 1; i <= 63; i++)
		ck_assert_uint_eq(seen[i], 1);
	session_table_free(t);
	rng_free(rng);
}
END_TEST

START_TEST(test_active_pool_limit)
{
	struct rng	     *rng = rng_new_seeded(2);
	struct session_table *t = session_table_new(2, 4, rng);
	struct session	     *s;
	int		      err, i;

	for (i = 0; i < 2; i++) {
		s = session_table_open(t, 10, &err);
		ck_assert_int_eq(session_table_activate(t, s, 100), 0);
	}
	s = session_table_open(t, 10, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(session_table_activate(t, s, 100), ERR_WRONG_STATE);
	ck_assert_uint_eq(session_table_active_count(t), 2);
	ck_assert_uint_eq(session_table_halfopen_count(t), 1);
	session_table_free(t);
	rng_free(rng);
}
END_TEST

START_TEST(test_halfopen_flood_evicts_oldest)
{
	struct rng	     *rng = rng_new_seeded(3);
	struct session_table *t = session_table_new(4, 4, rng);
	struct session	     *s;
	uint32_t	      first;
	int		      err, i;

	s = session_table_open(t, 10, &err);
	first = s->bmc_sid;
	for (i = 0; i < 100; i++)
		ck_assert_ptr_nonnull(session_table_open(t, 20 + i, &err));
	ck_assert_uint_eq(session_table_halfopen_count(t), 4);
	ck_assert_ptr_null(session_table_find(t, first));
	/* Active sessions are never evicted by handshakes. */
	s = session_table_open(t, 500, &err);
	ck_assert_int_eq(session_table_activate(t, s, 5000), 0);
	for (i = 0; i < 100; i++)
		ck_assert_ptr_nonnull(session_table_open(t, 600 + i, &err));
	ck_assert_ptr_eq(session_table_find_handle(t, s->handle), s);
	ck_assert_uint_eq(session_table_active_count(t), 1);
	session_table_free(t);
	rng_free(rng);
}
END_TEST

START_TEST(test_expiry_and_deadline)
{
	struct rng	     *rng = rng_new_seeded(4);
	struct session_table *t = session_table_new(4, 4, rng);
	struct session	     *a, *b;
	int		      err;

	ck_assert_uint_eq(session_table_next_deadline(t), UINT64_MAX);
	a = session_table_open(t, 3000, &err);
	b = session_table_open(t, 5000, &err);
	ck_assert_int_eq(session_table_activate(t, b, 60000), 0);
	ck_assert_uint_eq(session_table_next_deadline(t), 3000);
	ck_assert_uint_eq(session_table_expire(t, 2999), 0);
	ck_assert_uint_eq(session_table_expire(t, 3000), 1);
	ck_assert_uint_eq(a->state, SESSION_FREE);
	ck_assert_uint_eq(session_table_next_deadline(t), 60000);
	ck_assert_uint_eq(session_table_expire(t, 60000), 1);
	ck_assert_uint_eq(session_table_active_count(t), 0);
	ck_assert_uint_eq(session_table_next_deadline(t), UINT64_MAX);
	session_table_free(t);
	rng_free(rng);
}
END_TEST

START_TEST(test_close_wipes_keys)
{
	struct rng	     *rng = rng_new_seeded(5);
	struct session_table *t = session_table_new(2, 2, rng);
	struct session	     *s;
	static const uint8_t  zero[SUITE_KEY_MAX];
	int		      err;

	s = session_table_open(t, 10, &err);
	memset(s->keys.k1, 0xaa, sizeof(s->keys.k1));
	memset(s->keys.k2, 0xbb, sizeof(s->keys.k2));
	session_table_close(t, s);
	ck_assert_mem_eq(s->keys.k1, zero, sizeof(zero));
	ck_assert_mem_eq(s->keys.k2, zero, sizeof(zero));
	session_table_free(t);
	rng_free(rng);
}
END_TEST

/* A full handshake pool evicts from the peer holding the most. */
START_TEST(test_flooder_evicted_first)
{
	struct rng	     *rng = rng_new_seeded(4);
	struct session_table *t = session_table_new(4, 4, rng);
	struct peer_addr      flood, quiet;
	struct session	     *mine, *s;
	uint32_t	      mine_sid;
	int		      err, i;

	memset(&flood, 0, sizeof(flood));
	flood.family = 4;
	flood.addr[0] = 10;
	flood.port = 5000;
	quiet = flood;
	quiet.port = 5001;
	/* The quiet console's handshake is the oldest of all. */
	mine = session_table_open_from(t, 10, &quiet, &err);
	ck_assert_ptr_nonnull(mine);
	mine_sid = mine->bmc_sid;
	for (i = 0; i < 50; i++) {
		s = session_table_open_from(
		    t, (uint64_t)(20 + i), &flood, &err);
		ck_assert_ptr_nonnull(s);
		ck_assert_uint_eq(s->peer.port, 5000);
	}
	s = session_table_find(t, mine_sid);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->peer.port, 5001);
	ck_assert_uint_eq(session_table_halfopen_count(t), 4);
	/* Without a peer, the oldest goes, as before. */
	s = session_table_open(t, 100, &err);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(session_table_find(t, mine_sid));
	session_table_free(t);
	rng_free(rng);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("session_table");
	TCase	*tc = tcase_create("core");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_ids_random_nonzero_unique);
	tcase_add_test(tc, test_zero_id_redrawn);
	tcase_add_test(tc, test_handles_cycle_and_unique);
	tcase_add_test(tc, test_active_pool_limit);
	tcase_add_test(tc, test_halfopen_flood_evicts_oldest);
	tcase_add_test(tc, test_expiry_and_deadline);
	tcase_add_test(tc, test_close_wipes_keys);
	tcase_add_test(tc, test_flooder_evicted_first);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
