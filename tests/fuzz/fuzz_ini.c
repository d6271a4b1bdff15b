/*
 * Fuzzes the configuration loader from memory (config_load_text()): any
 * bytes must load or be refused with at least one message, never crash
 * or leak; and the plain reader of the saved state over the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>

#include "config.h"
#include "err.h"
#include "ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
pair_cb(void *arg, const char *section, const char *key, const char *value,
    unsigned line)
{
	unsigned *last = arg;

	/* Lines only go forward. */
	if (section == NULL || key == NULL || value == NULL || line <= *last)
		abort();
	*last = line;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_diag diag = {0};
	struct config	  *cfg = NULL;
	unsigned	   last = 0;
	int		   rc;

	rc = config_load_text(
	    "fuzz.ini", (const char *)data, size, &cfg, &diag);
	if (rc == 0 && (cfg == NULL || diag.n != 0 || cfg->nbmcs == 0))
		abort();
	if (rc == ERR_CONFIG && (cfg != NULL || diag.n == 0))
		abort();
	if (rc != 0 && rc != ERR_CONFIG && rc != ERR_NOMEM)
		abort();
	config_free(cfg);
	config_diag_clear(&diag);
	ini_read_pairs((const char *)data, size, pair_cb, &last);
	return 0;
}
