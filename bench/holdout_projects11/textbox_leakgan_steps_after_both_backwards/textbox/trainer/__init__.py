from textbox.trainer.trainer import *  # noqa: F403
