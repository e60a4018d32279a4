import logging
import sys


def get_logger(save_path, logger_name):
    """
    Initialize logger (to the console only in this copy; nothing is written to save_path)
    """
    logger = logging.getLogger(logger_name)
    if not logger.handlers:
        console_handler = logging.StreamHandler(sys.stdout)
        console_handler.setFormatter(logging.Formatter("%(asctime)s: %(message)s"))
        logger.addHandler(console_handler)
    logger.setLevel(logging.INFO)
    return logger
