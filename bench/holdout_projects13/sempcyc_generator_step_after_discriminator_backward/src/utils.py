#!/usr/bin/python3
# -*- coding: utf-8 -*-

# system, numpy
import argparse
import configparser as cp
import os

import numpy as np


def numeric_classes(tags_classes, dict_tags):
    num_classes = np.array([dict_tags.get(t) for t in tags_classes])
    return num_classes


def create_dict_texts(texts):
    texts = sorted(list(set(texts)))
    d = {l: i for i, l in enumerate(texts)}
    return d


def read_config():
    config = cp.ConfigParser()
    cur_path = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    config.read(os.path.join(cur_path, "config.ini"))
    return config["DEFAULT"]


def restricted_float(x, inter):
    x = float(x)
    if x < inter[0] or x > inter[1]:
        raise argparse.ArgumentTypeError("%r not in range [1e-5, 1e-4]" % (x,))
    return x


def apsak(sim, str_sim):
    """Average precision of each query over all retrieved items (the repository uses scikit-learn)."""
    aps = []
    for i in range(sim.shape[0]):
        order = np.argsort(-sim[i])
        relevant = str_sim[i][order]
        if relevant.sum() == 0:
            aps.append(0.0)
            continue
        hits = np.cumsum(relevant)
        precision = hits / np.arange(1, len(relevant) + 1)
        aps.append(float((precision * relevant).sum() / relevant.sum()))
    return np.array(aps)
