/*
 * The simulated host of a SOL console: a boot script per boot device,
 * then a login and a line shell.  Everything it prints is built from its
 * name and its input; timing comes only from the calls' now_ms, so two
 * runs fed the same way print the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sol_host.h"

#define HOST_NAME_MAX_LEN 64
#define HOST_LINE_MAX	  128
/* Time the OS takes to halt or restart after the command. */
#define HOST_HALT_MS 200
/* "seq N": at most this much per tick, a tick every HOST_SEQ_MS. */
#define HOST_SEQ_CHUNK 4096
#define HOST_SEQ_MS    10
#define HOST_SEQ_MAX   1000000

enum host_state {
	HOST_OFF,
	HOST_BOOTING, /* running a script */
	HOST_SETUP,   /* the firmware setup prompt */
	HOST_LOGIN,
	HOST_PASSWORD,
	HOST_SHELL,
	HOST_HALTING /* after poweroff/reboot, until the action */
};

/* One step of a boot script: text after delay_ms; %s is the host name. */
struct host_step {
	uint32_t	delay_ms;
	const char     *text;
	enum host_state then; /* HOST_BOOTING: go on with the next step */
};

static const struct host_step host_banner[] = {
    {0,
	"\r\nbmcsim UEFI firmware 2.7 on %s\r\n"
	"Memory test: 16384 MB OK\r\n"
	"Press <F2> for setup, <F12> for network boot\r\n",
	HOST_BOOTING},
};

static const struct host_step host_pxe[] = {
    {300,
	"Booting from network (PXE) on %s...\r\n"
	"PXE-E16: No valid offer received.\r\n"
	"PXE boot failed, trying the next boot device\r\n",
	HOST_BOOTING},
};

static const struct host_step host_setup[] = {
    {300, "Entering firmware setup on %s\r\nType 'exit' to boot.\r\nsetup> ",
	HOST_SETUP},
};

static const struct host_step host_disk[] = {
    {300, "Booting from hard disk...\r\n", HOST_BOOTING},
    {300,
	"[    0.000000] Linux version 6.1.0-bmcsim (%s)\r\n"
	"[    0.000000] Command line: console=ttyS0,115200n8\r\n",
	HOST_BOOTING},
    {300, "\r\nWelcome to bmcsim Linux!\r\n\r\n%s login: ", HOST_LOGIN},
};

/* The parts of a boot, in order; NULL ends. */
struct host_script {
	const struct host_step *steps;
	size_t			n;
};
#define SCRIPT(a) \
	{ \
		a, sizeof(a) / sizeof(a[0]) \
	}

/* Boot device selectors (§28.13 parameter 5 data 2 bits 5:2). */
#define BOOTDEV_PXE  0x1
#define BOOTDEV_BIOS 0x6

struct sol_host {
	char		  name[HOST_NAME_MAX_LEN];
	sol_host_emit_fn *emit;
	sol_host_room_fn *room;
	void		 *arg;
	/* "seq N" running: the next number and the last. */
	uint32_t	seq_next, seq_end;
	enum host_state state;
	/* The boot being run: up to three parts. */
	struct host_script   parts[3];
	unsigned	     nparts, part, step;
	uint64_t	     next_ms; /* UINT64_MAX: nothing due */
	enum sol_host_action pending;
	char		     line[HOST_LINE_MAX];
	size_t		     line_len;
	char		     user[32];
	uint8_t		     last_cr; /* swallow the LF of CR LF */
};

/* Prints a script text: each "%s" in it is the host name. */
static void
host_print(struct sol_host *h, const char *text)
{
	const char *p;

	while ((p = strstr(text, "%s")) != NULL) {
		h->emit(h->arg, (const uint8_t *)text, (size_t)(p - text));
		h->emit(h->arg, (const uint8_t *)h->name, strlen(h->name));
		text = p + 2;
	}
	h->emit(h->arg, (const uint8_t *)text, strlen(text));
}

static void
host_puts(struct sol_host *h, const char *s)
{
	h->emit(h->arg, (const uint8_t *)s, strlen(s));
}

struct sol_host *
sol_host_new(const char *name, int on, sol_host_emit_fn *emit,
    sol_host_room_fn *room, void *arg)
{
	struct sol_host *h = calloc(1, sizeof(*h));
	size_t		 i;

	if (h == NULL)
		return NULL;
	/* Printed through "%s" only; keep it to printable ASCII. */
	for (i = 0; name[i] != '\0' && i + 1 < sizeof(h->name); i++)
		h->name[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '_';
	h->emit = emit;
	h->room = room;
	h->arg = arg;
	h->state = on ? HOST_LOGIN : HOST_OFF;
	h->next_ms = UINT64_MAX;
	return h;
}

void
sol_host_free(struct sol_host *h)
{
	free(h);
}

void
sol_host_boot(struct sol_host *h, uint64_t now_ms, uint8_t bootdev)
{
	static const struct host_script banner = SCRIPT(host_banner),
					pxe = SCRIPT(host_pxe),
					setup = SCRIPT(host_setup),
					disk = SCRIPT(host_disk);

	h->nparts = 0;
	h->parts[h->nparts++] = banner;
	if (bootdev == BOOTDEV_PXE)
		h->parts[h->nparts++] = pxe;
	h->parts[h->nparts++] = bootdev == BOOTDEV_BIOS ? setup : disk;
	h->part = h->step = 0;
	h->state = HOST_BOOTING;
	h->next_ms = now_ms;
	h->pending = SOL_HOST_NONE;
	h->line_len = 0;
}

void
sol_host_off(struct sol_host *h)
{
	h->state = HOST_OFF;
	h->next_ms = UINT64_MAX;
	h->pending = SOL_HOST_NONE;
	h->line_len = 0;
	h->seq_end = 0;
}

int
sol_host_running(const struct sol_host *h)
{
	return h->state != HOST_OFF;
}

uint64_t
sol_host_deadline(const struct sol_host *h)
{
	return h->next_ms;
}

/* A boot continues with the disk part only (setup's "exit"). */
static void
host_boot_disk(struct sol_host *h, uint64_t now_ms)
{
	static const struct host_script disk = SCRIPT(host_disk);

	h->parts[0] = disk;
	h->nparts = 1;
	h->part = h->step = 0;
	h->state = HOST_BOOTING;
	h->next_ms = now_ms;
}

static void host_prompt(struct sol_host *);

/* "seq N": as much as the line takes now, the rest on later ticks. */
static void
host_seq_run(struct sol_host *h, uint64_t now_ms)
{
	char   line[16];
	size_t done = 0;
	int    n;

	while (h->seq_next <= h->seq_end && done < HOST_SEQ_CHUNK) {
		n = snprintf(line, sizeof(line), "%u\r\n", h->seq_next);
		if (n <= 0 || (size_t)n > h->room(h->arg))
			break;
		h->emit(h->arg, (const uint8_t *)line, (size_t)n);
		done += (size_t)n;
		h->seq_next++;
	}
	if (h->seq_next > h->seq_end) {
		h->seq_end = 0;
		h->next_ms = UINT64_MAX;
		host_prompt(h);
	} else
		h->next_ms = now_ms + HOST_SEQ_MS;
}

enum sol_host_action
sol_host_tick(struct sol_host *h, uint64_t now_ms)
{
	enum sol_host_action a;

	if (h->state == HOST_SHELL && h->seq_end != 0) {
		if (now_ms >= h->next_ms)
			host_seq_run(h, now_ms);
		return SOL_HOST_NONE;
	}

	if (h->state == HOST_HALTING) {
		if (now_ms < h->next_ms)
			return SOL_HOST_NONE;
		a = h->pending;
		h->pending = SOL_HOST_NONE;
		h->next_ms = UINT64_MAX;
		return a;
	}
	while (h->state == HOST_BOOTING && now_ms >= h->next_ms) {
		const struct host_step *s = &h->parts[h->part].steps[h->step];

		host_print(h, s->text);
		if (s->then != HOST_BOOTING) {
			h->state = s->then;
			h->next_ms = UINT64_MAX;
			break;
		}
		if (++h->step == h->parts[h->part].n) {
			h->step = 0;
			if (++h->part == h->nparts) {
				h->state = HOST_LOGIN; /* not reached */
				h->next_ms = UINT64_MAX;
				break;
			}
		}
		h->next_ms += h->parts[h->part].steps[h->step].delay_ms;
	}
	return SOL_HOST_NONE;
}

static void
host_prompt(struct sol_host *h)
{
	char buf[HOST_NAME_MAX_LEN + 48];

	snprintf(buf, sizeof(buf), "[%s@%s ~]%c ", h->user, h->name,
	    strcmp(h->user, "root") == 0 ? '#' : '$');
	host_puts(h, buf);
}

static void
host_halt(struct sol_host *h, uint64_t now_ms, enum sol_host_action a)
{
	host_puts(h,
	    a == SOL_HOST_POWER_OFF ? "Powering off.\r\n" : "Rebooting.\r\n");
	h->state = HOST_HALTING;
	h->pending = a;
	h->next_ms = now_ms + HOST_HALT_MS;
}

/* The shell's commands. */
static void
host_command(struct sol_host *h, uint64_t now_ms, const char *cmd)
{
	char buf[HOST_LINE_MAX + 64];

	if (cmd[0] == '\0') {
	} else if (strcmp(cmd, "help") == 0)
		host_puts(h,
		    "commands: help hostname uname whoami echo "
		    "poweroff reboot exit\r\n");
	else if (strcmp(cmd, "hostname") == 0) {
		snprintf(buf, sizeof(buf), "%s\r\n", h->name);
		host_puts(h, buf);
	} else if (strcmp(cmd, "uname") == 0)
		host_puts(h, "Linux\r\n");
	else if (strcmp(cmd, "whoami") == 0) {
		snprintf(buf, sizeof(buf), "%s\r\n", h->user);
		host_puts(h, buf);
	} else if (strncmp(cmd, "echo", 4) == 0 &&
	    (cmd[4] == '\0' || cmd[4] == ' ')) {
		snprintf(buf, sizeof(buf), "%s\r\n", cmd[4] ? cmd + 5 : "");
		host_puts(h, buf);
	} else if (strncmp(cmd, "seq ", 4) == 0) {
		unsigned long n = strtoul(cmd + 4, NULL, 10);

		if (n >= 1 && n <= HOST_SEQ_MAX) {
			h->seq_next = 1;
			h->seq_end = (uint32_t)n;
			host_seq_run(h, now_ms);
			return;
		}
		host_puts(h, "seq: 1 to 1000000\r\n");
	} else if (strcmp(cmd, "poweroff") == 0) {
		host_halt(h, now_ms, SOL_HOST_POWER_OFF);
		return;
	} else if (strcmp(cmd, "reboot") == 0) {
		host_halt(h, now_ms, SOL_HOST_REBOOT);
		return;
	} else if (strcmp(cmd, "exit") == 0 || strcmp(cmd, "logout") == 0) {
		h->state = HOST_LOGIN;
		host_print(h, "\r\n%s login: ");
		return;
	} else {
		snprintf(
		    buf, sizeof(buf), "-sh: %s: command not found\r\n", cmd);
		host_puts(h, buf);
	}
	host_prompt(h);
}

/* A whole line typed at the state's prompt. */
static void
host_line(struct sol_host *h, uint64_t now_ms)
{
	h->line[h->line_len] = '\0';
	h->line_len = 0;
	switch (h->state) {
	case HOST_LOGIN:
		host_puts(h, "\r\n");
		if (h->line[0] == '\0') {
			host_print(h, "%s login: ");
			break;
		}
		h->line[sizeof(h->user) - 1] = '\0'; /* a name, not a line */
		memcpy(h->user, h->line, sizeof(h->user));
		host_puts(h, "Password: ");
		h->state = HOST_PASSWORD;
		break;
	case HOST_PASSWORD:
		/* Any password will do: this host exists to be reached. */
		host_puts(h, "\r\nLast login: never\r\n");
		h->state = HOST_SHELL;
		host_prompt(h);
		break;
	case HOST_SHELL:
		host_puts(h, "\r\n");
		host_command(h, now_ms, h->line);
		break;
	case HOST_SETUP:
		host_puts(h, "\r\n");
		if (strcmp(h->line, "exit") == 0)
			host_boot_disk(h, now_ms);
		else
			host_puts(h, "setup> ");
		break;
	default:
		break;
	}
}

void
sol_host_input(
    struct sol_host *h, uint64_t now_ms, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		uint8_t c = p[i];

		/* Keystrokes while booting or off go nowhere. */
		if (h->state != HOST_LOGIN && h->state != HOST_PASSWORD &&
		    h->state != HOST_SHELL && h->state != HOST_SETUP)
			continue;
		if (h->seq_end != 0) {
			/* ^C stops "seq N"; other keys wait for the prompt. */
			if (c == 0x03) {
				h->seq_end = 0;
				h->next_ms = UINT64_MAX;
				host_puts(h, "^C\r\n");
				host_prompt(h);
			}
			continue;
		}
		if (c == '\n' && h->last_cr) {
			h->last_cr = 0;
			continue;
		}
		h->last_cr = c == '\r';
		if (c == '\r' || c == '\n')
			host_line(h, now_ms);
		else if (c == 0x7f || c == 0x08) {
			if (h->line_len > 0) {
				h->line_len--;
				if (h->state != HOST_PASSWORD)
					host_puts(h, "\b \b");
			}
		} else if (c == 0x03) { /* ^C: a new prompt */
			h->line_len = 0;
			host_puts(h, "^C\r\n");
			if (h->state == HOST_SHELL)
				host_prompt(h);
			else
				host_line(h, now_ms);
		} else if (c >= 0x20 && c < 0x7f &&
		    h->line_len + 1 < sizeof(h->line)) {
			h->line[h->line_len++] = (char)c;
			if (h->state != HOST_PASSWORD)
				h->emit(h->arg, &c, 1);
		}
	}
}

void
sol_host_break(struct sol_host *h)
{
	h->line_len = 0;
	if (h->state == HOST_SHELL) {
		host_puts(h, "\r\n[break]\r\n");
		host_prompt(h);
	}
}
