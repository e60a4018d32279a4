import torch
import torch.nn.init as init

from inpainting_network import *


# ----------------------------------------
#                 Network
# ----------------------------------------
def create_generator(opt):
    generator = GatedGenerator(opt)
    print("Generator is created!")
    if opt.load_name_g:
        generator.load_state_dict(torch.load(opt.load_name_g))
        print("Load generator %s" % opt.load_name_g)
    else:
        weights_init(generator, init_type=opt.init_type, init_gain=opt.init_gain)
        print("Initialize generator with %s type" % opt.init_type)
    return generator


def create_discriminator(opt):
    discriminator = PatchDiscriminator(opt)
    print("Discriminator is created!")
    if opt.load_name_d:
        discriminator.load_state_dict(torch.load(opt.load_name_d))
    else:
        weights_init(discriminator, init_type=opt.init_type, init_gain=opt.init_gain)
        print("Initialize discriminator with %s type" % opt.init_type)
    return discriminator


def create_perceptualnet():
    # a frozen feature extractor (the repository loads VGG-16 weights here)
    perceptualnet = PerceptualNet()
    for param in perceptualnet.parameters():
        param.requires_grad = False
    print("Perceptual network is created!")
    return perceptualnet


def weights_init(net, init_type="kaiming", init_gain=0.02):
    def init_func(m):
        classname = m.__class__.__name__
        if hasattr(m, "weight") and classname.find("Conv") != -1:
            if init_type == "normal":
                init.normal_(m.weight.data, 0.0, init_gain)
            elif init_type == "xavier":
                init.xavier_normal_(m.weight.data, gain=init_gain)
            elif init_type == "kaiming":
                init.kaiming_normal_(m.weight.data, a=0, mode="fan_in")
            elif init_type == "orthogonal":
                init.orthogonal_(m.weight.data, gain=init_gain)
            else:
                raise NotImplementedError("initialization method [%s] is not implemented" % init_type)
        elif classname.find("BatchNorm2d") != -1:
            init.normal_(m.weight.data, 1.0, 0.02)
            init.constant_(m.bias.data, 0.0)
        elif classname.find("Linear") != -1:
            init.normal_(m.weight, 0, 0.01)
            init.constant_(m.bias, 0)

    net.apply(init_func)


def inpaint(generator, img, mask):
    """Runs the generator; returns its two outputs and each pasted into the known pixels."""
    first_out, second_out = generator(img, mask)
    first_out_wholeimg = img * (1 - mask) + first_out * mask  # in range [0, 1]
    second_out_wholeimg = img * (1 - mask) + second_out * mask  # in range [0, 1]
    return first_out, second_out, first_out_wholeimg, second_out_wholeimg
