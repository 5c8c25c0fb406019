"""playerdesk: a player-support desk for regulated online casinos."""

__version__ = "0.1.0"
