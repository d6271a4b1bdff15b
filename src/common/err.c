#include "err.h"

static const char *const err_strings[] = {
    "success",
    "input truncated",
    "unexpected trailing bytes",
    "output buffer too small",
    "invalid field value",
    "bad checksum",
    "integrity check failed",
    "bad pad",
    "not supported",
    "invalid argument",
    "crypto backend failure",
    "out of memory",
    "not allowed in the present state",
    "not found",
    "system error",
    "invalid configuration",
    "refused by peer",
    "timed out",
};

const char *
err_str(int code)
{
	if (code > 0 || code < ERR_LAST)
		return "unknown error";
	return err_strings[-code];
}
