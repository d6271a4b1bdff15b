/*
 * The configuration-parameter protocol shared by LAN, SOL, system info
 * and boot options (confparam.h).
 */
#include "confparam.h"
#include "ipmimsg.h"

uint8_t
confparam_set_check(
    const struct confparam_desc *table, size_t n, uint8_t param, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (table[i].param == param)
			break;
	if (i == n)
		return CONFPARAM_CC_NOT_SUPPORTED;
	if (table[i].read_only)
		return CONFPARAM_CC_READ_ONLY;
	if (len != table[i].len)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	return IPMI_CC_OK;
}

uint8_t
confparam_set_in_progress(uint8_t *state, uint8_t value, unsigned flags)
{
	value &= 0x03;
	if (value == 0x03)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* §23.1: a second "set in progress" is refused, not nested. */
	if (value == CONFPARAM_SET_IN_PROGRESS &&
	    *state == CONFPARAM_SET_IN_PROGRESS)
		return CONFPARAM_CC_SET_IN_PROGRESS;
	if (value == CONFPARAM_COMMIT_WRITE && (flags & CONFPARAM_COMMIT_KEEPS))
		return IPMI_CC_OK;
	/* Writes apply at once: a commit ends the set, like "complete". */
	*state = value == CONFPARAM_SET_IN_PROGRESS ? CONFPARAM_SET_IN_PROGRESS
						    : CONFPARAM_SET_COMPLETE;
	return IPMI_CC_OK;
}

int
confparam_get_revision(struct wr *out, uint8_t revision, uint8_t byte1)
{
	wr_u8(out, revision);
	return (byte1 & CONFPARAM_REVISION_ONLY) != 0;
}
