"""msrx: an offline, sourced reference of multiple sclerosis treatments."""

__version__ = "0.1.0"
