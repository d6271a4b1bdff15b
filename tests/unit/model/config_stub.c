/*
 * TEMPORARY: config_diag_add() and config_diag_clear() for the command
 * tests until src/model/config.c (the configuration loader) lands; drop
 * this file and its Makefile.am mention then.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

void
config_diag_add(struct config_diag *d, const char *file, unsigned line,
    const char *fmt, ...)
{
	char	msg[512];
	char  **msgs;
	int	n;
	va_list ap;

	n = snprintf(msg, sizeof(msg), "%s:%u: ", file, line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	if ((msgs = realloc(d->msgs, (d->n + 1) * sizeof(*msgs))) == NULL)
		return;
	d->msgs = msgs;
	if ((d->msgs[d->n] = strdup(msg)) != NULL)
		d->n++;
}

void
config_diag_clear(struct config_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	d->msgs = NULL;
	d->n = 0;
}
