'''
Always evaluate the model with MAE, RMSE, MAPE, RRSE, PNBI, and oPNBI.
'''
import torch


def MAE_torch(pred, true, mask_value=None):
    if mask_value != None:  # noqa: E711
        mask = torch.gt(true, mask_value)
        pred = torch.masked_select(pred, mask)
        true = torch.masked_select(true, mask)
    return torch.mean(torch.abs(true - pred))


def RMSE_torch(pred, true, mask_value=None):
    if mask_value != None:  # noqa: E711
        mask = torch.gt(true, mask_value)
        pred = torch.masked_select(pred, mask)
        true = torch.masked_select(true, mask)
    return torch.sqrt(torch.mean((pred - true) ** 2))


def All_Metrics(pred, true, mask1, mask2):
    mae = MAE_torch(pred, true, mask1)
    rmse = RMSE_torch(pred, true, mask1)
    return mae, rmse
