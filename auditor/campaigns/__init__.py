"""Campaigns: which template a sent message came from, and what state that campaign is in."""
