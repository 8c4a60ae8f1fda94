"""Flags (通報) from residents, and moderation by facilitators and staff."""
