# -*- coding: utf-8 -*-
# pylint: skip-file
import random

import numpy as np


class BatchData:
    def __init__(self, flist, modules, consts, options):
        self.batch_size = len(flist)
        dict_size = len(modules["dic"])
        len_x = consts["len_x"]
        len_y = consts["len_y"]
        pad = modules["w2i"]["<pad>"]
        bos = modules["bos_idx"]

        self.x = np.full((len_x, self.batch_size), pad, dtype=np.int64)
        self.x_ext = np.full((len_x, self.batch_size), pad, dtype=np.int64)
        self.x_mask = np.zeros((len_x, self.batch_size, 1), dtype=np.float32)
        self.y = np.full((len_y, self.batch_size), pad, dtype=np.int64)
        self.y_inp = np.full((len_y, self.batch_size), pad, dtype=np.int64)
        self.y_ext = np.full((len_y, self.batch_size), pad, dtype=np.int64)
        self.y_mask = np.zeros((len_y, self.batch_size, 1), dtype=np.float32)
        self.x_ext_words = []
        self.max_ext_len = 0  # no out-of-vocabulary words in this copy

        for idx_doc, (xi, yi) in enumerate(flist):
            for idx_word, w in enumerate(xi[:len_x]):
                self.x[idx_word, idx_doc] = w if w < dict_size else modules["lfw_emb"]
                self.x_ext[idx_word, idx_doc] = w
                self.x_mask[idx_word, idx_doc, 0] = 1
            self.x_ext_words.append([modules["i2w"][w] for w in xi[:len_x]])
            y_inp = [bos] + yi[: len_y - 1]
            for idx_word, w in enumerate(yi[:len_y]):
                self.y[idx_word, idx_doc] = w
                self.y_ext[idx_word, idx_doc] = w
                self.y_inp[idx_word, idx_doc] = y_inp[idx_word]
                self.y_mask[idx_word, idx_doc, 0] = 1


def get_data(xy_list, modules, consts, options):
    return BatchData(xy_list, modules, consts, options)


def batched(x_size, options, consts):
    batch_size = consts["testing_batch_size"] if options["is_predicting"] else consts["batch_size"]
    if options["is_debugging"]:
        x_size = 13
    ids = [i for i in range(x_size)]
    if not options["is_predicting"]:
        random.shuffle(ids)
    batch_list = []
    batch_ids = []
    for i in range(x_size):
        idx = ids[i]
        batch_ids.append(idx)
        if len(batch_ids) == batch_size or i == (x_size - 1):
            batch_list.append(batch_ids)
            batch_ids = []
    return batch_list, len(ids), len(batch_list)


def make_corpus(consts, special_words, n_docs=8, seed=0):
    """Random article/summary pairs over a small vocabulary (the repository reads CNN/DailyMail pickles)."""
    rng = np.random.RandomState(seed)
    words = special_words + ["w{}".format(i) for i in range(consts["dict_size_wanted"] - len(special_words))]
    w2i = {w: i for i, w in enumerate(words)}
    i2w = {i: w for i, w in enumerate(words)}
    xy_list = []
    for _ in range(n_docs):
        len_x = rng.randint(consts["len_x"] - 4, consts["len_x"] + 1)
        len_y = rng.randint(consts["len_y"] - 2, consts["len_y"] + 1)
        x = list(rng.randint(len(special_words), len(words), size=len_x))
        y = list(rng.choice(x, size=len_y - 1)) + [w2i["<eos>"]]
        xy_list.append(([int(w) for w in x], [int(w) for w in y]))
    return xy_list, words, w2i, i2w
