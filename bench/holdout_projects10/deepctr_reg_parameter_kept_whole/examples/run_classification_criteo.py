# case: DeepCTR-Torch's Criteo example trains `DeepFM` (`deepctr_torch.models`, star-imported) with the first fix of the issue: `BaseModel.add_regularization_weight` keeps a Parameter (`self.dnn_linear.weight`, registered by `DeepFM.__init__`) whole and lists only generators and filters, so `get_regularization_loss` iterates the weight afresh at every batch (new `unbind` rows after each `optim.step()`); two epochs train and the held-out split is scored
# source: https://github.com/shenweichen/DeepCTR-Torch/issues/130
# pythonpath: .
import csv
import os

import numpy as np
import torch

from deepctr_torch.inputs import DenseFeat, SparseFeat, get_feature_names
from deepctr_torch.metrics import log_loss, roc_auc_score
from deepctr_torch.models import *


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {name: [row[name] for row in rows] for name in rows[0]}


def label_encode(values):
    classes = sorted(set(values))
    index = {v: i for i, v in enumerate(classes)}
    return np.array([index[v] for v in values], dtype="int64")


def min_max_scale(values):
    values = np.asarray(values, dtype="float64")
    span = values.max() - values.min()
    return (values - values.min()) / (span if span > 0 else 1.0)


if __name__ == "__main__":
    data = read_csv(os.path.join(os.path.dirname(os.path.abspath(__file__)), "criteo_sample.txt"))

    sparse_features = ["C" + str(i) for i in range(1, 5)]
    dense_features = ["I" + str(i) for i in range(1, 4)]

    for feat in sparse_features:
        data[feat] = [v if v != "" else "-1" for v in data[feat]]
    for feat in dense_features:
        data[feat] = [float(v) if v != "" else 0.0 for v in data[feat]]
    target = np.array(data["label"], dtype="float32").reshape(-1, 1)

    # 1. label encoding for sparse features, min-max scaling for dense features
    for feat in sparse_features:
        data[feat] = label_encode(data[feat])
    for feat in dense_features:
        data[feat] = min_max_scale(data[feat])

    # 2. count unique values of each sparse field, record the dense fields
    fixlen_feature_columns = [SparseFeat(feat, int(data[feat].max()) + 1) for feat in sparse_features] + [
        DenseFeat(feat, 1) for feat in dense_features
    ]
    dnn_feature_columns = fixlen_feature_columns
    linear_feature_columns = fixlen_feature_columns
    feature_names = get_feature_names(linear_feature_columns + dnn_feature_columns)

    # 3. train/test split and model inputs
    order = np.random.RandomState(2020).permutation(len(target))
    n_test = len(target) // 5
    test_idx, train_idx = order[:n_test], order[n_test:]
    train_model_input = {name: np.asarray(data[name])[train_idx] for name in feature_names}
    test_model_input = {name: np.asarray(data[name])[test_idx] for name in feature_names}

    # 4. define the model, train, predict and evaluate
    device = "cpu"
    model = DeepFM(
        linear_feature_columns=linear_feature_columns,
        dnn_feature_columns=dnn_feature_columns,
        dnn_hidden_units=(8, 4),
        task="binary",
        l2_reg_embedding=1e-5,
        device=device,
    )
    model.compile("adagrad", "binary_crossentropy", metrics=["binary_crossentropy", "auc"])

    history = model.fit(
        train_model_input, target[train_idx], batch_size=8, epochs=2, verbose=2, validation_split=0.2
    )
    print(history.history)

    pred_ans = model.predict(test_model_input, 256)
    print("test LogLoss", round(log_loss(target[test_idx], pred_ans), 4))
    print("test AUC", round(roc_auc_score(target[test_idx], pred_ans), 4))
