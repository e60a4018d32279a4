# case: fast-neural-style training after a Tanh was added as the TransformerNet's last layer: `utils.subtract_imagenet_mean_batch(y)` subtracts the ImageNet mean from the network output in place (`batch -= mean`), and the output is now the Tanh's own output, which Tanh saved for backward, so `total_loss.backward()` fails (the error; the helper itself is harmless when the net ends in a convolution)
# source: https://github.com/abhiskk/fast-neural-style/issues/12
import numpy as np
import torch
from torch.optim import Adam

import data
import options
import utils
from transformer_net import TransformerNet
from vgg16 import Vgg16


def train(args):
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    train_dataset, train_loader = data.random_image_loader(args.dataset_size, args.batch_size, args.image_size)

    transformer = TransformerNet()
    optimizer = Adam(transformer.parameters(), args.lr)
    mse_loss = torch.nn.MSELoss()

    vgg = Vgg16()
    utils.init_vgg16(vgg)

    style = utils.tensor_load_rgbimage(args.style_size)
    style = style.repeat(args.batch_size, 1, 1, 1)
    style = utils.preprocess_batch(style)
    with torch.no_grad():
        utils.subtract_imagenet_mean_batch(style)
        features_style = vgg(style)
        gram_style = [utils.gram_matrix(y) for y in features_style]

    for e in range(args.epochs):
        transformer.train()
        agg_content_loss = 0.0
        agg_style_loss = 0.0
        count = 0
        for batch_id, (x, _) in enumerate(train_loader):
            n_batch = len(x)
            count += n_batch
            optimizer.zero_grad()
            x = utils.preprocess_batch(x)

            y = transformer(x)

            xc = x.detach().clone()

            utils.subtract_imagenet_mean_batch(y)
            utils.subtract_imagenet_mean_batch(xc)

            features_y = vgg(y)
            with torch.no_grad():
                features_xc = vgg(xc)

            f_xc_c = features_xc[1].detach()
            content_loss = args.content_weight * mse_loss(features_y[1], f_xc_c)

            style_loss = 0.0
            for m in range(len(features_y)):
                gram_s = gram_style[m].detach()
                gram_y = utils.gram_matrix(features_y[m])
                style_loss += args.style_weight * mse_loss(gram_y, gram_s[:n_batch, :, :])

            total_loss = content_loss + style_loss
            total_loss.backward()  # raises: RuntimeError: modified by an inplace operation
            optimizer.step()

            agg_content_loss += content_loss.item()
            agg_style_loss += style_loss.item()
            if (batch_id + 1) % args.log_interval == 0:
                print(
                    "Epoch {}:\t[{}/{}]\tcontent: {:.6f}\tstyle: {:.6f}".format(
                        e + 1,
                        count,
                        len(train_dataset),
                        agg_content_loss / (batch_id + 1),
                        agg_style_loss / (batch_id + 1),
                    )
                )


def main():
    args = options.get_parser().parse_args([])
    train(args)


if __name__ == "__main__":
    main()
