"""Template tags of the researchers' site."""
