import numpy as np
import torch
import torch.utils.data


class StandardScaler:
    """
    Standard the input
    """

    def __init__(self, mean, std):
        self.mean = mean
        self.std = std

    def transform(self, data):
        return (data - self.mean) / self.std

    def inverse_transform(self, data):
        if type(data) == torch.Tensor and type(self.mean) == np.ndarray:
            self.std = torch.from_numpy(self.std).to(data.device).type(data.dtype)
            self.mean = torch.from_numpy(self.mean).to(data.device).type(data.dtype)
        return (data * self.std) + self.mean


def load_st_dataset(dataset, num_nodes, steps=16):
    # stand-in for PEMS08/pems08.npz: daily-periodic flows with noise, (T, N, 1)
    rng = np.random.RandomState(8)
    t = np.arange(steps)[:, None]
    phase = rng.rand(1, num_nodes) * 2 * np.pi
    data = 200 + 80 * np.sin(2 * np.pi * t / 12 + phase) + rng.randn(steps, num_nodes) * 5
    return data[..., None].astype(np.float32)


def load_topo_dataset(dataset, steps, window, mpg_dim):
    # stand-in for the multipersistence graph images (one per time step)
    rng = np.random.RandomState(9)
    return rng.rand(steps, mpg_dim, mpg_dim).astype(np.float32)


def Add_Window_Horizon(data, window=3, horizon=1):
    length = len(data)
    end_index = length - horizon - window + 1
    X, Y = [], []
    for index in range(end_index):
        X.append(data[index:index + window])
        Y.append(data[index + window:index + window + horizon])
    return np.array(X), np.array(Y)


def MPG_Window_Horizon(mpg, window=3, horizon=1):
    length = len(mpg)
    end_index = length - horizon - window + 1
    return np.array([mpg[index:index + window] for index in range(end_index)])


def split_data_by_ratio(data, val_ratio, test_ratio):
    data_len = data.shape[0]
    test_data = data[-int(data_len * test_ratio):]
    val_data = data[-int(data_len * (test_ratio + val_ratio)):-int(data_len * test_ratio)]
    train_data = data[:-int(data_len * (test_ratio + val_ratio))]
    return train_data, val_data, test_data


def data_loader(X, MPG, Y, batch_size, shuffle=True, drop_last=True):
    X, MPG, Y = torch.FloatTensor(X), torch.FloatTensor(MPG), torch.FloatTensor(Y)
    data = torch.utils.data.TensorDataset(X, MPG, Y)
    dataloader = torch.utils.data.DataLoader(data, batch_size=batch_size,
                                             shuffle=shuffle, drop_last=drop_last)
    return dataloader


def get_topo_dataloader(args, data_type, normalizer='std', tod=False, dow=False, weather=False, single=True):
    # load raw st dataset
    data = load_st_dataset(args.dataset, args.num_nodes)  # B, N, D
    mpg = load_topo_dataset(args.dataset, len(data), args.lag, args.mpg_dim)
    # normalize st data
    mean, std = data.mean(), data.std()
    scaler = StandardScaler(mean, std)
    data = scaler.transform(data)
    print('Normalize the dataset by Standard Normalization')
    # add time window
    x, y = Add_Window_Horizon(data, args.lag, args.horizon)
    m = MPG_Window_Horizon(mpg, args.lag, args.horizon)
    x_tra, x_val, x_test = split_data_by_ratio(x, args.val_ratio, args.test_ratio)
    y_tra, y_val, y_test = split_data_by_ratio(y, args.val_ratio, args.test_ratio)
    m_tra, m_val, m_test = split_data_by_ratio(m, args.val_ratio, args.test_ratio)
    print('Train: ', x_tra.shape, y_tra.shape)
    print('Val: ', x_val.shape, y_val.shape)
    print('Test: ', x_test.shape, y_test.shape)
    ##############get dataloader######################
    train_dataloader = data_loader(x_tra, m_tra, y_tra, args.batch_size, shuffle=True, drop_last=True)
    val_dataloader = data_loader(x_val, m_val, y_val, args.batch_size, shuffle=False, drop_last=True)
    test_dataloader = data_loader(x_test, m_test, y_test, args.batch_size, shuffle=False, drop_last=False)
    return train_dataloader, val_dataloader, test_dataloader, scaler
