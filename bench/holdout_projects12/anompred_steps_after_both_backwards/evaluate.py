import torch

from utils import psnr_error


def val(cfg, model=None):
    # Stand-in for the AUC evaluation on the test videos: PSNR of the prediction of one random clip.
    model.eval()
    with torch.no_grad():
        clip = torch.rand(1, 15, cfg.img_size[0], cfg.img_size[1]) * 2 - 1
        G_frame = model(clip[:, 0:12])
        psnr = psnr_error(G_frame, clip[:, 12:15])
    print(f'val psnr: {psnr:.3f}')
    return float(psnr)
