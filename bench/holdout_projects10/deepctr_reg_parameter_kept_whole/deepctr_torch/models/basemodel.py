import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.utils.data as Data
from torch.utils.data import DataLoader

from ..callbacks import CallbackList, History
from ..inputs import DenseFeat, SparseFeat, build_input_features, create_embedding_matrix
from ..layers import PredictionLayer
from ..layers.utils import slice_arrays
from ..metrics import log_loss, roc_auc_score


class Linear(nn.Module):
    def __init__(self, feature_columns, feature_index, init_std=0.0001, device="cpu"):
        super().__init__()
        self.feature_index = feature_index
        self.device = device
        self.sparse_feature_columns = [x for x in feature_columns if isinstance(x, SparseFeat)]
        self.dense_feature_columns = [x for x in feature_columns if isinstance(x, DenseFeat)]
        self.embedding_dict = create_embedding_matrix(
            feature_columns, init_std, linear=True, sparse=False, device=device
        )
        for tensor in self.embedding_dict.values():
            nn.init.normal_(tensor.weight, mean=0, std=init_std)
        if len(self.dense_feature_columns) > 0:
            self.weight = nn.Parameter(
                torch.Tensor(sum(fc.dimension for fc in self.dense_feature_columns), 1).to(device)
            )
            torch.nn.init.normal_(self.weight, mean=0, std=init_std)

    def forward(self, X):
        sparse_embedding_list = [
            self.embedding_dict[feat.embedding_name](
                X[:, self.feature_index[feat.name][0] : self.feature_index[feat.name][1]].long()
            )
            for feat in self.sparse_feature_columns
        ]
        dense_value_list = [
            X[:, self.feature_index[feat.name][0] : self.feature_index[feat.name][1]]
            for feat in self.dense_feature_columns
        ]
        if len(sparse_embedding_list) > 0 and len(dense_value_list) > 0:
            linear_sparse_logit = torch.sum(torch.cat(sparse_embedding_list, dim=-1), dim=-1, keepdim=False)
            linear_dense_logit = torch.cat(dense_value_list, dim=-1).matmul(self.weight)
            linear_logit = linear_sparse_logit + linear_dense_logit
        elif len(sparse_embedding_list) > 0:
            linear_logit = torch.sum(torch.cat(sparse_embedding_list, dim=-1), dim=-1, keepdim=False)
        elif len(dense_value_list) > 0:
            linear_logit = torch.cat(dense_value_list, dim=-1).matmul(self.weight)
        else:
            linear_logit = torch.zeros([X.shape[0], 1])
        return linear_logit


class BaseModel(nn.Module):
    def __init__(
        self,
        linear_feature_columns,
        dnn_feature_columns,
        l2_reg_linear=1e-5,
        l2_reg_embedding=1e-5,
        init_std=0.0001,
        seed=1024,
        task="binary",
        device="cpu",
    ):
        super().__init__()
        torch.manual_seed(seed)
        self.dnn_feature_columns = dnn_feature_columns
        self.reg_loss = torch.zeros((1,), device=device)
        self.aux_loss = torch.zeros((1,), device=device)
        self.device = device

        self.feature_index = build_input_features(linear_feature_columns + dnn_feature_columns)
        self.embedding_dict = create_embedding_matrix(dnn_feature_columns, init_std, sparse=False, device=device)
        self.linear_model = Linear(linear_feature_columns, self.feature_index, device=device)

        self.regularization_weight = []
        self.add_regularization_weight(self.embedding_dict.parameters(), l2_reg_embedding)
        self.add_regularization_weight(self.linear_model.parameters(), l2_reg_linear)

        self.out = PredictionLayer(task)
        self.to(device)

        self._is_graph_network = True
        self.stop_training = False
        self.history = History()

    def fit(
        self,
        x=None,
        y=None,
        batch_size=None,
        epochs=1,
        verbose=1,
        initial_epoch=0,
        validation_split=0.0,
        validation_data=None,
        shuffle=True,
        callbacks=None,
    ):
        if isinstance(x, dict):
            x = [x[feature] for feature in self.feature_index]

        do_validation = False
        if validation_data:
            do_validation = True
            val_x, val_y = validation_data
            if isinstance(val_x, dict):
                val_x = [val_x[feature] for feature in self.feature_index]
        elif validation_split and 0.0 < validation_split < 1.0:
            do_validation = True
            split_at = int(x[0].shape[0] * (1.0 - validation_split))
            x, val_x = (slice_arrays(x, 0, split_at), slice_arrays(x, split_at))
            y, val_y = (slice_arrays(y, 0, split_at), slice_arrays(y, split_at))
        else:
            val_x = []
            val_y = []
        for i in range(len(x)):
            if len(x[i].shape) == 1:
                x[i] = np.expand_dims(x[i], axis=1)

        train_tensor_data = Data.TensorDataset(
            torch.from_numpy(np.concatenate(x, axis=-1)), torch.from_numpy(y)
        )
        if batch_size is None:
            batch_size = 256
        train_loader = DataLoader(dataset=train_tensor_data, shuffle=shuffle, batch_size=batch_size)

        model = self.train()
        loss_func = self.loss_func
        optim = self.optim

        sample_num = len(train_tensor_data)
        steps_per_epoch = (sample_num - 1) // batch_size + 1

        callbacks = CallbackList((callbacks or []) + [self.history])
        callbacks.set_model(self)
        callbacks.on_train_begin()
        callbacks.model.stop_training = False

        print(
            "Train on {0} samples, validate on {1} samples, {2} steps per epoch".format(
                len(train_tensor_data), len(val_y), steps_per_epoch
            )
        )
        for epoch in range(initial_epoch, epochs):
            callbacks.on_epoch_begin(epoch)
            epoch_logs = {}
            start_time = time.time()
            total_loss_epoch = 0
            train_result = {}
            for _, (x_train, y_train) in enumerate(train_loader):
                x = x_train.to(self.device).float()
                y = y_train.to(self.device).float()

                y_pred = model(x).squeeze()

                optim.zero_grad()
                loss = loss_func(y_pred, y.squeeze(), reduction="sum")
                reg_loss = self.get_regularization_loss()

                total_loss = loss + reg_loss + self.aux_loss

                total_loss_epoch += total_loss.item()
                total_loss.backward()
                optim.step()

                if verbose > 0:
                    for name, metric_fun in self.metrics.items():
                        train_result.setdefault(name, []).append(
                            metric_fun(y.cpu().data.numpy(), y_pred.cpu().data.numpy().astype("float64"))
                        )

            epoch_logs["loss"] = total_loss_epoch / sample_num
            for name, result in train_result.items():
                epoch_logs[name] = np.sum(result) / steps_per_epoch

            if do_validation:
                eval_result = self.evaluate(val_x, val_y, batch_size)
                for name, result in eval_result.items():
                    epoch_logs["val_" + name] = result
            if verbose > 0:
                epoch_time = int(time.time() - start_time)
                print("Epoch {0}/{1}".format(epoch + 1, epochs))
                eval_str = "{0}s - loss: {1: .4f}".format(epoch_time, epoch_logs["loss"])
                for name in self.metrics:
                    eval_str += " - " + name + ": {0: .4f}".format(epoch_logs[name])
                if do_validation:
                    for name in self.metrics:
                        eval_str += " - val_" + name + ": {0: .4f}".format(epoch_logs["val_" + name])
                print(eval_str)
            callbacks.on_epoch_end(epoch, epoch_logs)
            if self.stop_training:
                break

        callbacks.on_train_end()
        return self.history

    def evaluate(self, x, y, batch_size=256):
        pred_ans = self.predict(x, batch_size)
        return {name: metric_fun(y, pred_ans) for name, metric_fun in self.metrics.items()}

    def predict(self, x, batch_size=256):
        model = self.eval()
        if isinstance(x, dict):
            x = [x[feature] for feature in self.feature_index]
        for i in range(len(x)):
            if len(x[i].shape) == 1:
                x[i] = np.expand_dims(x[i], axis=1)
        tensor_data = Data.TensorDataset(torch.from_numpy(np.concatenate(x, axis=-1)))
        test_loader = DataLoader(dataset=tensor_data, shuffle=False, batch_size=batch_size)
        pred_ans = []
        with torch.no_grad():
            for _, x_test in enumerate(test_loader):
                x = x_test[0].to(self.device).float()
                pred_ans.append(model(x).cpu().data.numpy())
        return np.concatenate(pred_ans).astype("float64")

    def input_from_feature_columns(self, X, feature_columns, embedding_dict, support_dense=True):
        sparse_feature_columns = [x for x in feature_columns if isinstance(x, SparseFeat)]
        dense_feature_columns = [x for x in feature_columns if isinstance(x, DenseFeat)]
        if not support_dense and len(dense_feature_columns) > 0:
            raise ValueError("DenseFeat is not supported in dnn_feature_columns")
        sparse_embedding_list = [
            embedding_dict[feat.embedding_name](
                X[:, self.feature_index[feat.name][0] : self.feature_index[feat.name][1]].long()
            )
            for feat in sparse_feature_columns
        ]
        dense_value_list = [
            X[:, self.feature_index[feat.name][0] : self.feature_index[feat.name][1]]
            for feat in dense_feature_columns
        ]
        return sparse_embedding_list, dense_value_list

    def compute_input_dim(self, feature_columns, include_sparse=True, include_dense=True):
        sparse_feature_columns = [x for x in feature_columns if isinstance(x, SparseFeat)]
        dense_feature_columns = [x for x in feature_columns if isinstance(x, DenseFeat)]
        dense_input_dim = sum(x.dimension for x in dense_feature_columns)
        sparse_input_dim = sum(feat.embedding_dim for feat in sparse_feature_columns)
        input_dim = 0
        if include_sparse:
            input_dim += sparse_input_dim
        if include_dense:
            input_dim += dense_input_dim
        return input_dim

    def add_regularization_weight(self, weight_list, weight_decay, p=2):
        # a Parameter is kept whole (its norm is taken row by row when the loss is computed);
        # a generator or filter of (name, parameter) pairs is turned into a list
        if isinstance(weight_list, torch.nn.parameter.Parameter):
            self.regularization_weight.append((weight_list, weight_decay, p))
        else:
            self.regularization_weight.append((list(weight_list), weight_decay, p))

    def get_regularization_loss(self):
        total_reg_loss = torch.zeros((1,), device=self.device)
        for weight_list, weight_decay, p in self.regularization_weight:
            weight_reg_loss = torch.zeros((1,), device=self.device)
            for w in weight_list:
                if isinstance(w, tuple):
                    l2_reg = torch.norm(w[1], p=p)
                else:
                    l2_reg = torch.norm(w, p=p)
                weight_reg_loss = weight_reg_loss + l2_reg
            reg_loss = weight_decay * weight_reg_loss
            total_reg_loss += reg_loss
        return total_reg_loss

    def add_auxiliary_loss(self, aux_loss, alpha):
        self.aux_loss = aux_loss * alpha

    def compile(self, optimizer, loss=None, metrics=None):
        self.metrics_names = ["loss"]
        self.optim = self._get_optim(optimizer)
        self.loss_func = self._get_loss_func(loss)
        self.metrics = self._get_metrics(metrics)

    def _get_optim(self, optimizer):
        if isinstance(optimizer, str):
            if optimizer == "sgd":
                return torch.optim.SGD(self.parameters(), lr=0.01)
            if optimizer == "adam":
                return torch.optim.Adam(self.parameters())
            if optimizer == "adagrad":
                return torch.optim.Adagrad(self.parameters())
            if optimizer == "rmsprop":
                return torch.optim.RMSprop(self.parameters())
            raise NotImplementedError
        return optimizer

    def _get_loss_func(self, loss):
        if isinstance(loss, str):
            if loss == "binary_crossentropy":
                return F.binary_cross_entropy
            if loss == "mse":
                return F.mse_loss
            if loss == "mae":
                return F.l1_loss
            raise NotImplementedError
        return loss

    def _get_metrics(self, metrics):
        metrics_ = {}
        for metric in metrics or []:
            if metric in ("binary_crossentropy", "logloss"):
                metrics_[metric] = log_loss
            if metric == "auc":
                metrics_[metric] = roc_auc_score
            self.metrics_names.append(metric)
        return metrics_
