import torch
from torch import nn

from models import networks
from models.base_model import BaseModel
from models.sparnet import SPARNet


class SPARNetModel(BaseModel):
    def __init__(self, opt):
        BaseModel.__init__(self, opt)

        self.netG = SPARNet(
            res_depth=opt.res_depth,
            norm_type=opt.Gnorm,
            att_name=opt.att_name,
            bottleneck_size=opt.bottleneck_size,
            in_size=opt.load_size,
            out_size=opt.load_size,
            min_feat_size=opt.min_feat_size,
        )
        self.netG = networks.define_network(opt, self.netG)

        self.model_names = ["G"]
        self.loss_names = ["Pix"]
        self.visual_names = ["img_LR", "img_SR", "img_HR"]

        if self.isTrain:
            self.criterionL1 = nn.L1Loss()
            self.optimizer_G = torch.optim.Adam(self.netG.parameters(), lr=opt.lr, betas=(opt.beta1, 0.99))
            self.optimizers = [self.optimizer_G]

    def set_input(self, input, cur_iters=None):
        self.cur_iters = cur_iters
        self.img_LR = input["LR"]
        self.img_HR = input["HR"]

    def forward(self):
        self.img_SR = self.netG(self.img_LR)

    def backward_G(self):
        # Pix loss
        self.loss_Pix = self.criterionL1(self.img_SR, self.img_HR) * self.opt.lambda_pix
        self.loss_Pix.backward()  # raises: RuntimeError: modified by an inplace operation

    def optimize_parameters(self):
        # ---- Update G ------------
        self.optimizer_G.zero_grad()
        self.backward_G()
        self.optimizer_G.step()
