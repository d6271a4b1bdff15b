/*
 * Following a captured conversation as a third party who knows the
 * password (and K_G): the handshake is tracked by session IDs, the RAKP2,
 * RAKP3 and RAKP4 auth codes are recomputed and compared, SIK, K1 and K2
 * derived, every integrity trailer and IPMI 1.5 auth code checked, and
 * encrypted payloads decrypted and described.  Used by bmcsim decode and
 * by the teaching trace, which asks for the formulas too.
 */
#ifndef BMCSIM_FOLLOW_H
#define BMCSIM_FOLLOW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct follow;

struct follow_opts {
	uint8_t password[20]; /* zero-padded */
	uint8_t have_password;
	uint8_t kg[20];
	uint8_t kg_set;
	uint8_t explain;      /* print formulas and every input */
	uint8_t show_secrets; /* print Kuid, K_G, SIK, K1, K2 */
};

struct follow_stats {
	unsigned verified;     /* checks that passed */
	unsigned failed;       /* checks that failed */
	unsigned decrypted;    /* payloads decrypted */
	unsigned unverifiable; /* no password, or no handshake seen */
};

/* NULL on allocation failure.  The options are copied. */
struct follow *follow_new(const struct follow_opts *);
/* Wipes every key and frees. */
void follow_free(struct follow *);

/*
 * Prints, after indent, what the follower makes of one datagram: the
 * handshake values it learns, the checks with their verdicts, and the
 * decrypted payload.  Returns the number of failed checks.
 */
int follow_datagram(
    struct follow *, FILE *, const char *indent, const uint8_t *, size_t);

const struct follow_stats *follow_stats(const struct follow *);

/*
 * Keys learnt elsewhere (the journal's key log): the session's integrity
 * trailers are checked, its payloads decrypted and its RAKP 4 checked
 * without the password.  key_len is that of SIK, K1 and K2 (the suite's
 * HMAC length).  Returns 0, ERR_UNSUPPORTED for a suite this build does
 * not implement, ERR_FORMAT when key_len does not fit the suite.
 */
int follow_add_keys(struct follow *, uint32_t console_sid, uint32_t bmc_sid,
    unsigned suite_id, const uint8_t *sik, const uint8_t *k1, const uint8_t *k2,
    size_t key_len);

/*
 * The keys of the session whose handshake completed last (for the trace
 * to compare with the initiator's).  Returns their length, 0 if none.
 */
size_t
follow_last_keys(const struct follow *, uint8_t *sik, uint8_t *k1, uint8_t *k2);

/*
 * The IPMI message a datagram carries (1.5 or RMCP+, decrypted with the
 * keys followed so far, integrity not checked), without printing: for a
 * caller that wants to name the datagram first.  Returns 0, ERR_FORMAT
 * (no IPMI message), ERR_NOT_FOUND (encrypted, keys unknown) or the
 * decryption error.
 */
int follow_peek_msg(struct follow *, const uint8_t *, size_t, uint8_t *msg,
    size_t cap, size_t *len);

#endif
