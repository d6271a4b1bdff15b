/* RFC 1319 appendix A.5: the MD2 test suite. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "md2.h"
#include "testutil.h"

START_TEST(test_rfc1319_suite)
{
	static const struct {
		const char *msg, *md2;
	} v[] = {
	    {"", "8350e5a3e24c153df2275c9f80692773"},
	    {"a", "32ec01ec4a6dac72c0ab96fb34c0b5d1"},
	    {"abc", "da853b0d3f88d99b30283a69e6ded6bb"},
	    {"message digest", "ab4f496bfb2a530b219ff33031fe06b0"},
	    {"abcdefghijklmnopqrstuvwxyz", "4e8ddff3650292ab5a4108c3aa47940b"},
	    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	     "0123456789",
		"da33def2a42df13975352846c30338cd"},
	    {"1234567890123456789012345678901234567890"
	     "1234567890123456789012345678901234567890",
		"d5976f79d83d3a0dc9806c3c66f3efd8"},
	    {"The quick brown fox jumps over the lazy dog",
		"03d85a0d629d2c442e987525319fc471"},
	};
	uint8_t		  out[16], exp[16];
	struct crypto_iov iov[3];
	size_t		  i, len;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		len = strlen(v[i].msg);
		tu_hex(v[i].md2, exp, sizeof(exp));
		iov[0].base = v[i].msg;
		iov[0].len = len;
		md2_digest(iov, 1, out);
		tu_assert_bytes(out, 16, exp, 16);
		/* Split at odd places: block boundaries must not matter. */
		iov[0].len = len / 3;
		iov[1].base = v[i].msg + len / 3;
		iov[1].len = len / 2 - len / 3;
		iov[2].base = v[i].msg + len / 2;
		iov[2].len = len - len / 2;
		md2_digest(iov, 3, out);
		tu_assert_bytes(out, 16, exp, 16);
	}
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("md2");
	TCase	*tc = tcase_create("kat");
	SRunner *sr;
	int	 failed;

	tcase_add_test(tc, test_rfc1319_suite);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
