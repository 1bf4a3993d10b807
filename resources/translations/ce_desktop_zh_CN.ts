<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CoinPanel</name>
    <message>
        <location filename="../../ce_desktop/ui/entropy/coin_panel.py" line="+31"/>
        <source>Coin: binary entropy</source>
        <extracomment>Lines the readout below the slider may take (a narrow column wraps it to five).</extracomment>
        <translation>硬币：二元熵</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>P(heads) = p</source>
        <translation>P(正面) = p</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Drag to change P(heads)</source>
        <translation>拖动以改变 P(正面)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>P(heads): the probability that the coin lands heads</source>
        <translation>P(正面)：硬币正面朝上的概率</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>&lt;b&gt;H({0}) = {1}&lt;/b&gt;</source>
        <translation>&lt;b&gt;H({0}) = {1}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>surprise of heads {0} p = {1}; of tails {0}(1−p) = {2}</source>
        <translation>正面的惊奇度 {0} p = {1}；反面的 {0}(1−p) = {2}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A fair coin carries exactly one bit: the most uncertain coin.</source>
        <translation>一枚均匀硬币的熵恰好是 1 比特：它是最不确定的硬币。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A certain outcome carries no information: H = 0.</source>
        <translation>确定的结果不携带任何信息：H = 0。</translation>
    </message>
</context>
<context>
    <name>DecisionView</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/decision_view.py" line="+68"/>
        <location line="+124"/>
        <source>Decision boundary</source>
        <extracomment>How far a fully confident background pixel goes from white towards its class colour; below 1 so that points of the same class stay visible on their own region. What is drawn, for the CSV export: the points, their class names, the regions.</extracomment>
        <translation>决策边界</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>After a run, click beside a point to open the card of the nearest test sample</source>
        <translation>训练结束后，点击某个点旁边即可打开最近的测试样本的卡片</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Start a run: its decision boundary is drawn here as it learns.</source>
        <translation>开始一次训练：其决策边界会随学习过程绘制在这里。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The decision boundary is drawn for two-feature data sets (moons, circles, XOR, spiral, blobs).</source>
        <translation>决策边界只对两个特征的数据集绘制（moons、circles、XOR、spiral、blobs）。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
</context>
<context>
    <name>DistributionEditor</name>
    <message>
        <location filename="../../ce_desktop/ui/entropy/distribution_editor.py" line="+75"/>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Probability of class {0}; the others rescale to keep the total at 1</source>
        <translation>类别 {0} 的概率；其余类别按比例缩放，使总和保持为 1</translation>
    </message>
</context>
<context>
    <name>EntropyTab</name>
    <message>
        <location filename="../../ce_desktop/ui/entropy/tab.py" line="+48"/>
        <source>
&lt;h3&gt;Entropy&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;H(p) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt; is the average surprise of
outcomes drawn from p: the fewest bits per outcome any code can average. A fair coin has
H = 1 bit; a certain outcome has H = 0; K equally likely classes have the maximum, log K.&lt;/p&gt;
&lt;h3&gt;Cross-entropy&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;H(p, q) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log q&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt; is the average cost of
coding outcomes of p with a code built for q. It is the loss a classifier minimises:
p is the label, q the prediction. It is &lt;b&gt;not bounded by 1&lt;/b&gt;: a classifier that always
answers ½ on balanced binary data pays ln 2 ≈ 0.693 nats (1 bit) per sample, and a confident
wrong answer costs without bound — q&lt;sub&gt;i&lt;/sub&gt; = 0 where p&lt;sub&gt;i&lt;/sub&gt; &amp;gt; 0 costs ∞.&lt;/p&gt;
&lt;h3&gt;KL divergence&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;KL(p‖q) = Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log(p&lt;sub&gt;i&lt;/sub&gt;/q&lt;sub&gt;i&lt;/sub&gt;) ≥ 0&lt;/b&gt; is the
extra cost of using q instead of p, so &lt;b&gt;H(p, q) = H(p) + KL(p‖q)&lt;/b&gt;. With p fixed (the
labels), minimising cross-entropy and minimising KL are the same thing. KL is not
symmetric: KL(q‖p) is usually different.&lt;/p&gt;
&lt;h3&gt;Softmax, temperature and label smoothing&lt;/h3&gt;
&lt;p&gt;A network outputs logits z; q = softmax(z / T). A high temperature T flattens q, a low
one sharpens it. Label smoothing replaces a one-hot target by (1 − ε)·onehot + ε/K, so the
best possible loss is no longer 0 and the model is discouraged from infinite confidence.&lt;/p&gt;
&lt;h3&gt;Units&lt;/h3&gt;
&lt;p&gt;log&lt;sub&gt;2&lt;/sub&gt; gives bits, ln gives nats (PyTorch&apos;s losses), log&lt;sub&gt;10&lt;/sub&gt; gives
bans. 1 bit = ln 2 nats ≈ 0.693 nats.&lt;/p&gt;
</source>
        <translation>
&lt;h3&gt;熵&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;H(p) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt; 是从 p 中抽取的结果的平均惊奇度：也是任何编码平均每个结果最少需要的比特数。一枚均匀硬币的 H = 1 比特；确定的结果 H = 0；K 个等可能的类别取得最大值 log K。&lt;/p&gt;
&lt;h3&gt;交叉熵&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;H(p, q) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log q&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt; 是用为 q 设计的编码来编码 p 的结果时的平均代价。它正是分类器所最小化的损失：p 是标签，q 是预测。它&lt;b&gt;并不以 1 为上界&lt;/b&gt;：在平衡的二分类数据上总是回答 ½ 的分类器，每个样本要付出 ln 2 ≈ 0.693 奈特（1 比特），而自信的错误答案代价没有上限——在 p&lt;sub&gt;i&lt;/sub&gt; &amp;gt; 0 处q&lt;sub&gt;i&lt;/sub&gt; = 0 的代价是 ∞。&lt;/p&gt;
&lt;h3&gt;KL散度&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;KL(p‖q) = Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log(p&lt;sub&gt;i&lt;/sub&gt;/q&lt;sub&gt;i&lt;/sub&gt;) ≥ 0&lt;/b&gt; 是用 q 代替 p 的额外代价，因此 &lt;b&gt;H(p, q) = H(p) + KL(p‖q)&lt;/b&gt;。当 p（标签）固定时，最小化交叉熵与最小化 KL散度是同一回事。KL散度不对称：KL(q‖p) 通常与之不同。&lt;/p&gt;
&lt;h3&gt;Softmax、温度与标签平滑&lt;/h3&gt;
&lt;p&gt;网络输出 logits z；q = softmax(z / T)。高温 T 使 q 变平，低温使其变尖。标签平滑把独热目标替换为(1 − ε)·onehot + ε/K，于是最好的损失不再是 0，模型也不再被鼓励追求无限的自信。&lt;/p&gt;
&lt;h3&gt;单位&lt;/h3&gt;
&lt;p&gt;log&lt;sub&gt;2&lt;/sub&gt; 得到比特，ln 得到奈特（PyTorch 的损失所用），log&lt;sub&gt;10&lt;/sub&gt; 得到哈特（ban）。1 比特 = ln 2 奈特 ≈ 0.693 奈特。&lt;/p&gt;
</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>uniform</source>
        <extracomment>The core&apos;s preset names, shown through tr().</extracomment>
        <translation>均匀分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one-hot</source>
        <translation>独热（one-hot）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>peaked</source>
        <translation>尖峰分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fair die</source>
        <translation>均匀骰子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loaded die</source>
        <translation>灌铅骰子</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>What the numbers mean</source>
        <extracomment>The explorer&apos;s state; the widgets send it their edits and show what it holds.</extracomment>
        <translation>这些数字的含义</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Logarithm base of every readout and axis: bits (2), nats (e), bans (10)</source>
        <translation>所有读数和坐标轴所用的对数底：比特（2）、奈特（e）、哈特（10）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of classes K of both distributions</source>
        <translation>两个分布的类别数 K</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Units:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Classes K:</source>
        <translation>类别数 K：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>p — the true distribution (the labels)</source>
        <translation>p — 真实分布（标签）</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Preset…</source>
        <translation>预设…</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Return to the trainer with this sample&apos;s card</source>
        <translation>回到训练器，并打开这个样本的卡片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide this line; the p and q stay</source>
        <translation>隐藏这一行；p 和 q 保持不变</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Validation sample {0} of {1}: p is its label, q the model&apos;s prediction. Its true class {2} is class {3} here. Edit q to watch its loss change.</source>
        <translation>{1} 的验证样本 {0}：p 是它的标签，q 是模型的预测。它的真实类别 {2} 在这里是第 {3} 类。编辑 q，观察它的损失如何变化。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test sample {0} of {1}: p is its label, q the model&apos;s prediction. Its true class {2} is class {3} here. Edit q to watch its loss change.</source>
        <translation>{1} 的测试样本 {0}：p 是它的标签，q 是模型的预测。它的真实类别 {2} 在这里是第 {3} 类。编辑 q，观察它的损失如何变化。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to sample {0} of {1}</source>
        <translation>回到 {1} 的样本 {0}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Replace p by a preset distribution</source>
        <translation>用预设分布替换 p</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag a bar top, or type a value below</source>
        <translation>拖动柱顶，或在下方输入数值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drag bars or type values; the rest rescale.</source>
        <translation>拖动柱子或输入数值；其余类别按比例缩放。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>q — the model&apos;s distribution (the prediction)</source>
        <translation>q — 模型的分布（预测）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit q directly</source>
        <translation>直接编辑 q</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q = softmax(logits / T)</source>
        <translation>q = softmax(logits / T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q = label-smoothed one-hot of p</source>
        <translation>q = p 的独热向量经标签平滑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where q comes from</source>
        <translation>q 的来源</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace q by a preset distribution</source>
        <translation>用预设分布替换 q</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Temperature T: high flattens q towards uniform, low sharpens it to one-hot</source>
        <translation>温度 T：高温使 q 趋于均匀，低温使其锐化为独热</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Temperature T:</source>
        <translation>温度 T：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logits z:</source>
        <translation>Logits z：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Label smoothing ε: q = (1 − ε)·onehot(argmax p) + ε/K</source>
        <translation>标签平滑 ε：q = (1 − ε)·onehot(argmax p) + ε/K</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Smoothing ε:</source>
        <translation>平滑 ε：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Comparing p with q</source>
        <translation>比较 p 与 q</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>H(p, q) = H(p) + KL(p‖q)</source>
        <translation>H(p, q) = H(p) + KL(p‖q)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Per-class cost −p&lt;sub&gt;i&lt;/sub&gt; log q&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>每个类别的代价 −p&lt;sub&gt;i&lt;/sub&gt; log q&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Readouts</source>
        <translation>读数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>H(p)</source>
        <translation>H(p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H(q)</source>
        <translation>H(q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H(p, q)</source>
        <translation>H(p, q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KL(p‖q)</source>
        <translation>KL(p‖q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KL(q‖p)</source>
        <translation>KL(q‖p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity of p</source>
        <translation>p 的困惑度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity of q</source>
        <translation>q 的困惑度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log K (maximum H)</source>
        <translation>log K（H 的最大值）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Entropy of p: the average surprise of the labels</source>
        <translation>p 的熵：标签的平均惊奇度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entropy of q: how unsure the prediction is</source>
        <translation>q 的熵：预测有多不确定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cross-entropy: the loss of predicting q when the truth is p</source>
        <translation>交叉熵：真实分布为 p 时预测 q 的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra cost of coding p with q&apos;s code; cross-entropy minus H(p)</source>
        <translation>用为 q 设计的编码来编码 p 的额外代价；即交叉熵减去 H(p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reverse divergence: KL is not symmetric</source>
        <translation>反向散度：KL散度不对称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective number of equally likely classes in p</source>
        <translation>p 中等可能类别的有效数目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Effective number of equally likely classes in q</source>
        <translation>q 中等可能类别的有效数目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entropy of the uniform distribution over K classes</source>
        <translation>K 个类别上均匀分布的熵</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Distribution p</source>
        <translation>分布 p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distribution q</source>
        <translation>分布 q</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per-class cost</source>
        <translation>每个类别的代价</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity H(p,q) = H(p) + KL</source>
        <translation>恒等式 H(p,q) = H(p) + KL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Binary entropy (coin)</source>
        <translation>二元熵（硬币）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Coin with P(heads) = {0}: H = {1}</source>
        <translation>P(正面) = {0} 的硬币：H = {1}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Logit z of class {0}</source>
        <translation>类别 {0} 的 logit z</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The target is the one-hot of p&apos;s most likely class ({0}).</source>
        <translation>目标是 p 中最可能类别（{0}）的独热向量。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>q gives class {0} zero probability although p does not: coding it costs infinitely many {1}, so H(p, q) = KL(p‖q) = ∞.</source>
        <translation>q 给类别 {0} 的概率为零，而 p 不为零：编码它需要无穷多{1}，所以 H(p, q) = KL(p‖q) = ∞。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cross-entropy is not bounded by 1: here H(p, q) = {0}.</source>
        <translation>交叉熵并不以 1 为上界：这里 H(p, q) = {0}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>q equals p: KL(p‖q) = 0 and the cross-entropy is as low as it gets, H(p).</source>
        <translation>q 等于 p：KL(p‖q) = 0，交叉熵达到最小值 H(p)。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>KL(p‖q) = {0} is the price of predicting q instead of p.</source>
        <translation>KL(p‖q) = {0} 是预测 q 而不是 p 所付出的代价。</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/evaluation_panel.py" line="+79"/>
        <source>Test metrics appear here when a run finishes.</source>
        <extracomment>The report shown and its class names, for the CSV exports.</extracomment>
        <translation>一次训练结束后，测试指标会显示在这里。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Test loss:</source>
        <translation>测试损失：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test accuracy:</source>
        <translation>测试准确率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ROC AUC:</source>
        <translation>ROC AUC：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mean cross-entropy of the trained model on the held-out test set</source>
        <translation>训练好的模型在留出测试集上的平均交叉熵</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of test samples whose most likely class is the true class</source>
        <translation>最可能类别即真实类别的测试样本所占比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Area under the ROC curve: the chance that a random positive sample scores higher than a random negative one (0.5 = guessing, 1 = perfect)</source>
        <translation>ROC 曲线下面积：随机抽取的正样本得分高于随机负样本的概率（0.5 = 瞎猜，1 = 完美）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Test samples by true class (rows) and predicted class (columns); the diagonal holds the correct predictions</source>
        <translation>按真实类别（行）和预测类别（列）统计的测试样本；对角线上是正确的预测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click a cell to list its samples</source>
        <translation>点击一个格子，列出其中的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reliability (calibration)</source>
        <translation>可靠性（校准）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each point is a bin of test samples: how confident the model was against how often it was right. On the dashed diagonal the model is calibrated; below it the model is over-confident, above it under-confident</source>
        <translation>每个点是一组测试样本：模型的置信度与实际正确频率的对比。落在虚线对角线上表示模型已校准；在其下方表示过度自信，在其上方表示信心不足</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+25"/>
        <source>Probability histograms</source>
        <translation>概率直方图</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>How the predicted probabilities of the test samples are spread, one histogram per true class; well separated classes mean confident, correct predictions</source>
        <translation>测试样本预测概率的分布，每个真实类别一个直方图；类别分得越开，预测越自信、越正确</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a bin to list its samples</source>
        <translation>点击一个区间，列出其中的样本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>test samples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reliability diagram</source>
        <translation>可靠性图</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+8"/>
        <source>predicted probability</source>
        <translation>预测概率</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+147"/>
        <source>observed frequency</source>
        <translation>观测频率</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>{0} nats</source>
        <translation>{0} 奈特</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>binary tasks only</source>
        <translation>仅限二分类任务</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Classes: {0}</source>
        <translation>类别：{0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>mean predicted probability</source>
        <translation>平均预测概率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>confidence of the predicted class</source>
        <translation>预测类别的置信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>observed accuracy</source>
        <translation>观测准确率</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>predicted P(class {0})</source>
        <translation>预测的 P(类别 {0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>predicted probability of the true class</source>
        <translation>真实类别的预测概率</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/import_dialog.py" line="+90"/>
        <source>numeric</source>
        <extracomment>The dialog&apos;s size when the screen has room; a smaller screen gets what it has. A cell with a problem, and the rest of its column. A gap: a cell with no value (&quot;&quot;, NA, null, …), to be filled or to be a problem. The role combo&apos;s choices, in this order. Qt&apos;s QWIDGETSIZE_MAX (PySide does not export it): no maximum size.</extracomment>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>categorical</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>free text / identifier</source>
        <translation>自由文本 / 标识符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>feature (numeric)</source>
        <translation>特征（数值）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feature (categorical)</source>
        <translation>特征（类别）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Line {0} of the file</source>
        <translation>文件第 {0} 行</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What will be done</source>
        <translation>将如何处理</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Lines of the file read</source>
        <translation>已读取的文件行数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop reading the file</source>
        <translation>停止读取文件</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The first rows as read; row numbers are the file&apos;s lines. Gaps are grey; cells and columns with a problem are marked</source>
        <translation>读取到的前几行；行号即文件中的行。空缺为灰色；有问题的单元格和列会被标出</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Each column&apos;s kind, its missing cells, its role and what training will do to it</source>
        <translation>每列的类型、缺失单元格数、角色，以及训练时会对它做什么</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The cross-entropy of predicting the class shares for every row, whatever its features: a model has learned something only below it. The accuracy is that of always guessing the largest class</source>
        <translation>不看特征、对每一行都预测各类别占比时的交叉熵：模型只有低于它才算学到了东西。准确率是总猜最大类别时的准确率</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Everything that stops this table from training; choose one to see where it is</source>
        <translation>所有妨碍此表训练的问题；选中一项即可看到它的位置</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this table and start training on it</source>
        <translation>使用此表并开始训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use this table in the trainer with these roles (kept in the run&apos;s settings)</source>
        <translation>在训练器中按这些角色使用此表（保存在运行设置中）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close without changing the trainer</source>
        <translation>关闭，不改变训练器</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Stopped before the file was read.</source>
        <translation>在读完文件之前已停止。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{0}: {1} rows, {2} columns</source>
        <translation>{0}：{1} 行，{2} 列</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The label: what the model learns to predict. To change it, make another column the label</source>
        <translation>标签：模型要学会预测的内容。要更换标签，请把另一列设为标签</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+4"/>
        <source>Role of column {0}</source>
        <translation>列 {0} 的角色</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No label</source>
        <translation>没有标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give one column the role label.</source>
        <translation>请把某一列的角色设为标签。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label: {0} ({1} classes)</source>
        <translation>标签：{0}（{1} 个类别）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No-information baseline: {0} = {1} per row; accuracy {2}</source>
        <translation>无信息基线：每行 {0} = {1}；准确率 {2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Warning: {0}</source>
        <translation>警告：{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} problems: change a role or fix the file</source>
        <translation>{0} 个问题：请更改角色或修正文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 problem: change a role or fix the file</source>
        <translation>1 个问题：请更改角色或修正文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ready to train, but look at the {0} warnings below:</source>
        <translation>可以训练，但请先看看下面的 {0} 条警告：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready to train, but look at the warning below:</source>
        <translation>可以训练，但请先看看下面的警告：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No problems: ready to train.</source>
        <translation>没有问题：可以训练。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The file cannot be used:</source>
        <translation>无法使用此文件：</translation>
    </message>
</context>
<context>
    <name>LandscapePanel</name>
    <message>
        <location filename="../../ce_desktop/ui/surfaces/landscape_panel.py" line="+60"/>
        <location line="+1"/>
        <source>BCE (nats)</source>
        <extracomment>The trainer&apos;s last run, or None. How much of a picture shows through once the controls no longer match it. What the loss axis says for each criterion: cross-entropies are in nats, MSE is not. Shown through tr() (context &quot;LandscapePanel&quot;), like PCA_NOTE.</extracomment>
        <translation>BCE（奈特）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cross-entropy (nats)</source>
        <translation>交叉熵（奈特）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PCA plane is fitted to this run&apos;s own path, so it differs from run to run: compare runs on fixed random directions (same seed), not on each one&apos;s PCA plane.</source>
        <translation>PCA 平面是根据本次训练自身的路径拟合的，因此每次训练都不同：比较不同训练时请使用固定的随机方向（相同种子），而不是各自的 PCA 平面。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The 3-D view needs OpenGL, which the &apos;{0}&apos; display does not provide. The 2-D map shows the same numbers.</source>
        <translation>三维视图需要 OpenGL，而“{0}”显示环境不提供 OpenGL。二维图显示的是同样的数值。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The 3-D view needs PyOpenGL, which could not be loaded ({0}).</source>
        <translation>三维视图需要 PyOpenGL，但无法加载（{0}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The 3-D view needs OpenGL, and no OpenGL context could be created here.</source>
        <translation>三维视图需要 OpenGL，但此处无法创建 OpenGL 上下文。</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+344"/>
        <source>loss</source>
        <extracomment>The run whose initial-to-final interpolation is drawn, if any.</extracomment>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-331"/>
        <source>2-D map</source>
        <extracomment>The unit of the computed run&apos;s loss (&quot;nats&quot;, or &quot;&quot; for MSE), for the exports.</extracomment>
        <translation>二维图</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>3-D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Landscape of a trained network</source>
        <translation>已训练网络的损失曲面</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The trained run whose weights are the centre of the landscape: the trainer&apos;s last run or any stored run</source>
        <translation>以其权重为曲面中心的那次训练：训练器的上一次训练，或任何已保存的训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random (filter-normalised)</source>
        <translation>随机（滤波器归一化）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PCA of the training path</source>
        <translation>训练路径的 PCA</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random: two Gaussian directions, each row rescaled to its weights&apos; norm (Li et al. 2018). PCA: the two directions the training path moved along most, with the path drawn on the map</source>
        <translation>随机：两个高斯方向，每一行都缩放到对应权重的范数（Li 等，2018）。PCA：训练路径移动最多的两个方向，并在图上画出路径</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The samples the loss is averaged over</source>
        <translation>计算平均损失所用的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss on</source>
        <translation>损失计算于</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Grid points per side. A coarse grid appears first and is refined in place</source>
        <translation>每边的网格点数。先显示粗网格，再原地细化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>How far the map reaches along each random direction; 1 is a step as long as the weights themselves, filter by filter</source>
        <translation>图沿每个随机方向延伸的距离；1 表示与权重本身（逐个滤波器）一样长的一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seed of the random directions: the same seed gives the same directions, so two runs of one architecture can be compared</source>
        <translation>随机方向的种子：相同的种子给出相同的方向，因此同一结构的两次训练可以比较</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direction seed</source>
        <translation>方向种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move biases too</source>
        <translation>同时移动偏置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off (as Li et al.): biases stay at their trained values. On: they get a random direction scaled to their norm</source>
        <translation>关闭（同 Li 等）：偏置保持训练后的值。开启：偏置也获得一个按其范数缩放的随机方向</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by log₁₀ of the loss, to see the valley floor next to high walls</source>
        <translation>按损失的 log₁₀ 着色，以便在高墙旁也能看清谷底</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute the landscape in the background; the window stays usable</source>
        <translation>在后台计算损失曲面；窗口仍可使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the computation; what is already drawn stays</source>
        <translation>停止计算；已绘制的部分会保留</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Grid points evaluated</source>
        <translation>已计算的网格点</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+35"/>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>From the initial to the final weights</source>
        <translation>从初始权重到最终权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t   in   (1 − t)·θ_initial + t·θ_final</source>
        <translation>(1 − t)·θ_initial + t·θ_final   中的   t</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>initial</source>
        <translation>初始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Goodfellow et al. (2015): the loss along the straight line between the network before and after training. A smooth descent with no bump means the optimiser had an easy valley to follow, even though it walked a curved path.</source>
        <translation>Goodfellow 等（2015）：沿训练前与训练后网络之间直线的损失。平滑下降且没有凸起，说明优化器有一条容易沿着走的山谷，尽管它实际走的是一条弯曲的路径。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Trainer&apos;s last run ({0})</source>
        <translation>训练器的上一次训练（{0}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not read stored runs: {0}</source>
        <translation>无法读取已保存的训练：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 epoch</source>
        <translation>1 个轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} epochs</source>
        <translation>{0} 个轮次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} — {1}, {2}</source>
        <translation>{0} — {1}，{2}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No trained run yet</source>
        <translation>尚无训练过的运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train a run in the Trainer tab: it appears here, and Compute draws the loss around its final weights.</source>
        <translation>请在“训练器”标签页中训练一次：它会出现在这里，点击“计算”即可绘制其最终权重周围的损失。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The trainer has no finished run any more</source>
        <translation>训练器中已没有完成的训练</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Train a run in the Trainer tab first</source>
        <translation>请先在“训练器”标签页中训练一次</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Preparing {0}…</source>
        <translation>正在准备 {0}…</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>PC 1 ({0:.1%} of the path&apos;s variance)</source>
        <translation>PC 1（路径方差的 {0:.1%}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PC 2 ({0:.1%})</source>
        <translation>PC 2（{0:.1%}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>α   along direction 1</source>
        <translation>沿方向 1 的   α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β   along direction 2</source>
        <translation>沿方向 2 的   β</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Landscape ready: {0} points in {1:.1f} s</source>
        <translation>损失曲面已完成：{0} 个点，用时 {1:.1f} 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Landscape stopped after {0} of {1} points; the picture so far is kept</source>
        <translation>损失曲面在 {1} 个点中的 {0} 个后停止；已有的图像会保留</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot compute the landscape: {0}</source>
        <translation>无法计算损失曲面：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Landscape: {0}</source>
        <translation>损失曲面：{0}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>log₁₀ {0}</source>
        <translation>log₁₀ {0}</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Out of date: the run or the settings changed since this picture was computed. Compute to draw it again.</source>
        <translation>已过时：计算此图之后，运行或设置已更改。点击“计算”重新绘制。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} at the final weights (★), on the {1}: &lt;b&gt;{2}&lt;/b&gt;</source>
        <translation>最终权重（★）处、{1}上的{0}：&lt;b&gt;{2}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The plane holds {0:.1%} of the path&apos;s variance (PC 1 {1:.1%}, PC 2 {2:.1%}); ▲ marks the initial weights.</source>
        <translation>该平面包含路径方差的 {0:.1%}（PC 1 {1:.1%}，PC 2 {2:.1%}）；▲ 标出初始权重。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Directions are Gaussian, each row rescaled to the norm of the matching row of the weights, so the map&apos;s scale means the same in every layer.</source>
        <translation>方向为高斯随机方向，每一行都缩放到权重中对应行的范数，因此图的尺度在每一层中含义相同。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>({0}, {1}): {2} = {3}</source>
        <translation>({0}, {1})：{2} = {3}</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Network loss landscape</source>
        <translation>网络损失曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interpolation initial → final</source>
        <translation>插值：初始 → 最终</translation>
    </message>
</context>
<context>
    <name>Lesson</name>
    <message>
        <location filename="../../build/translations/lesson_steps.py" line="+4"/>
        <source>A fair coin carries 1 bit</source>
        <translation>公平的硬币携带 1 比特</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entropy H(p) = −Σ p log p is the average surprise of an outcome. The tutorial says the two faces of a fair coin give an entropy of 0. They give 1 bit, the most a coin can have: each toss answers one yes-or-no question.</source>
        <translation>熵 H(p) = −Σ p log p 是一个结果的平均惊讶程度。教程说公平硬币两个面的熵等于 0。实际上是 1 比特，这是一枚硬币所能有的最大熵：每抛一次就回答一个“是或否”的问题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entropy explorer, the coin: the curve H(p) peaks at P(heads) = 0.5, and the readout below it says H = 1 bit.</source>
        <translation>熵探索器中的硬币：曲线 H(p) 在 P(正面) = 0.5 处达到最高，下方的读数显示 H = 1 比特。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the coin&apos;s slider away and back: leave it at the P(heads) whose entropy is largest.</source>
        <translation>把硬币的滑块移开再移回来：停在熵最大的 P(正面) 处。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A sure outcome carries 0 bits</source>
        <translation>确定的结果携带 0 比特</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A coin that always lands heads surprises no one: H = 0 bits. Low entropy means the outcome is nearly certain; a fair coin is the opposite.</source>
        <translation>总是正面朝上的硬币不会让任何人惊讶：H = 0 比特。熵低意味着结果几乎是确定的；公平的硬币恰恰相反。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coin&apos;s readout: H = 0 bits at P(heads) = 1, and the surprise of tails, −log₂ 0, is infinite but never happens.</source>
        <translation>硬币的读数：P(正面) = 1 时 H = 0 比特；反面的惊讶程度 −log₂ 0 为无穷大，但它永远不会发生。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the coin certain: move P(heads) to 0 or to 1.</source>
        <translation>让硬币的结果确定：把 P(正面) 移到 0 或 1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>K equally likely classes: H = log K</source>
        <translation>K 个等可能的类别：H = log K</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With K equally likely classes the entropy is log K: log₂ 6 ≈ 2.585 bits for a fair die. No distribution over K classes has more; any favourite lowers it.</source>
        <translation>K 个类别等可能时，熵为 log K：一枚公平的骰子是 log₂ 6 ≈ 2.585 比特。K 个类别上没有哪个分布的熵更大；任何偏向都会使它降低。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readouts H(p) and log K: equal while every bar of p has the same height.</source>
        <translation>读数 H(p) 与 log K：只要 p 的每根柱子一样高，两者就相等。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the number of classes K to 6 or more and make p uniform (Preset… → uniform).</source>
        <translation>把类别数 K 设为 6 或更多，并让 p 成为均匀分布（预设… → 均匀分布）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p against q: H(p, q) = H(p) + KL(p‖q)</source>
        <translation>p 与 q：H(p, q) = H(p) + KL(p‖q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cross-entropy H(p, q) = −Σ p log q is the average cost of coding outcomes of p with a code built for q. It splits into the entropy of p and the extra cost of using q: H(p, q) = H(p) + KL(p‖q). KL is never negative, so H(p, q) is never below H(p).</source>
        <translation>交叉熵 H(p, q) = −Σ p log q 是用为 q 设计的最优编码来编码来自 p 的事件所需的平均比特数。它可以拆成 p 的熵与使用 q 的额外代价：H(p, q) = H(p) + KL(p‖q)。KL 散度从不为负，所以 H(p, q) 从不低于 H(p)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bar under the readouts: H(p) and KL(p‖q) stacked make up H(p, q). Here q = p, so KL(p‖q) = 0.</source>
        <translation>读数下方的条形：H(p) 与 KL(p‖q) 叠加起来就是 H(p, q)。这里 q = p，所以 KL(p‖q) = 0。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change q and watch KL(p‖q) grow; then make H(p, q) equal H(p) again.</source>
        <translation>改变 q，观察 KL(p‖q) 变大；然后再让 H(p, q) 等于 H(p)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>KL divergence is not symmetric</source>
        <translation>KL 散度不对称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KL(p‖q) measures what is lost when q stands in for p. Swapping them asks another question: KL(q‖p) is usually different. Here p is almost sure of class 1 and q is uniform: KL(p‖q) ≈ 0.92 bits but KL(q‖p) ≈ 2.33 bits.</source>
        <translation>KL(p‖q) 衡量用 q 来近似 p 时的信息损失。把两者交换就是另一个问题：KL(q‖p) 通常不同。这里 p 几乎确定是类别 1，q 是均匀分布：KL(p‖q) ≈ 0.92 比特，而 KL(q‖p) ≈ 2.33 比特。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readouts KL(p‖q) and KL(q‖p): the same two distributions, two different numbers.</source>
        <translation>读数 KL(p‖q) 与 KL(q‖p)：同样的两个分布，两个不同的数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a p and a q whose two KL divergences differ by at least 1 bit.</source>
        <translation>找出一对 p 和 q，使两个方向的 KL 散度至少相差 1 比特。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>q = 0 where p &gt; 0: infinite cost</source>
        <translation>p &gt; 0 处 q = 0：代价无穷大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If q gives probability 0 to an outcome that p says can happen, H(p, q) and KL(p‖q) are infinite: a code built for q has no word for it. A classifier must never be certain that the true class is impossible.</source>
        <translation>如果 q 给 p 认为可能发生的结果分配概率 0，H(p, q) 和 KL(p‖q) 就是无穷大：为 q 设计的编码里没有这个结果的码字。分类模型绝不能确信真实类别不可能出现。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readouts H(p, q) = ∞ and the class whose q is 0 marked in the bars.</source>
        <translation>读数 H(p, q) = ∞，以及柱状图中标出的 q 为 0 的类别。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give q a 0 where p is above 0.</source>
        <translation>在 p 大于 0 的某个类别上把 q 设为 0。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BCE for y = 1 as p falls</source>
        <translation>y = 1 时 p 下降的二元交叉熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For one sample whose true label is y = 1, binary cross-entropy is −ln p. A high p is rewarded with a low loss: 0.105 nats at p = 0.9. A low p is punished: 2.303 nats at p = 0.1, 3.912 at p = 0.02, and without bound as p → 0.</source>
        <translation>对正确值为 y = 1 的单个数据点，二元交叉熵是 −ln p。较高的预测概率 p 得到奖励，损失较低：p = 0.9 时为 0.105 纳特。较低的 p 受到惩罚：p = 0.1 时为 2.303 纳特，p = 0.02 时为 3.912，p → 0 时没有上限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss surfaces → Per-sample losses: the BCE curve for y = 1 rising steeply on the left, and the readout under it at p = 0.02.</source>
        <translation>损失曲面 → 单样本损失：y = 1 的 BCE 曲线在左侧陡然上升，下方是 p = 0.02 处的读数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With the label y = 1, point at the loss plot at p = 0.05 or lower.</source>
        <translation>标签 y = 1 时，把鼠标指向损失图中 p = 0.05 或更低的位置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cross-entropy is not bounded by 1</source>
        <translation>交叉熵没有上限 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tutorial says a loss near 0 marks a good model and one near 1 a poor one. Cross-entropy has no upper bound: giving the true class q = 0.01 costs −ln 0.01 = 4.6 nats. A model that always answers 0.5 scores ln 2 ≈ 0.693 nats: judge a loss against that, not against 1.</source>
        <translation>教程说接近 0 的损失是好模型的标志，接近 1 的是性能较差的模型。交叉熵没有上限：给真实类别 q = 0.01 要付出 −ln 0.01 = 4.6 纳特。总是回答 0.5 的模型得分 ln 2 ≈ 0.693 纳特：应该拿这个基线，而不是 1，来评判损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readout H(p, q) in nats: far above 1, for one confident wrong answer.</source>
        <translation>以纳特为单位的读数 H(p, q)：一个自信的错误答案就远远超过 1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make H(p, q) larger than 1 nat without making it infinite.</source>
        <translation>让 H(p, q) 大于 1 纳特，但不要变成无穷大。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Softmax, temperature and categorical CE</source>
        <translation>Softmax、温度与分类交叉熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A classifier outputs one logit z per class; softmax(z / T) turns them into probabilities q. Categorical cross-entropy is −log q(true class). A lower temperature T sharpens q: a right answer then costs less, a wrong one much more.</source>
        <translation>分类模型为每个类别输出一个 logit z；softmax(z / T) 把它们变成概率 q。分类交叉熵是 −log q(真实类别)。较低的温度 T 让 q 更尖锐：答对时代价更小，答错时代价大得多。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q from the logits at T = 0.5, and H(p, q): the loss of the true class 1.</source>
        <translation>T = 0.5 时由 logits 得到的 q，以及 H(p, q)：真实类别 1 的损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose q from the logits and lower T to 0.5 or less.</source>
        <translation>让 q 来自 logits，并把 T 降到 0.5 或更低。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BCE against MSE: a bowl and a plateau</source>
        <translation>BCE 与 MSE：碗形与平台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Through a sigmoid, BCE&apos;s gradient with respect to the logit is p − y: large when the model is confidently wrong. Squared error&apos;s gradient has an extra factor p(1 − p) that vanishes there. Over the weights of a logistic regression, BCE is a convex bowl; MSE has flat plateaus where descent stalls.</source>
        <translation>经过 sigmoid 后，BCE 对 logit 的梯度是 p − y：模型自信地答错时梯度很大。平方误差的梯度多了一个因子 p(1 − p)，在那里趋于 0。在逻辑回归的权重上，BCE 是一个凸的碗；MSE 有平坦的平台，梯度下降会在那里停滞。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss surfaces → BCE vs MSE: both descents start at the same confidently wrong w; BCE&apos;s path reaches the low region, MSE&apos;s barely moves.</source>
        <translation>损失曲面 → BCE 与 MSE 曲面：两次下降都从同一个自信地答错的 w 出发；BCE 的路径到达低损失区域，MSE 的几乎不动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a point on either map and press Descend from here; wait for both paths to end.</source>
        <translation>在任一张图上点一个点，再按“从这里下降”；等两条路径都结束。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The tutorial&apos;s PyTorch run</source>
        <translation>教程中的 PyTorch 训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tutorial trains a 20-10-10-1 MLP with a sigmoid output and BCE, Adam at lr 0.001, batch 32, 20 epochs, on make_classification(10000, n_informative=10). The dashed line is the no-information baseline, ln 2 ≈ 0.693 nats: what a model that learned nothing scores. The run ends far below it.</source>
        <translation>教程在 make_classification(10000, n_informative=10) 上训练一个 20-10-10-1 的 MLP：sigmoid 输出和二元交叉熵，Adam 学习率 0.001，批量 32，20 个轮次。虚线是无信息基线 ln 2 ≈ 0.693 纳特：什么也没学到的模型的得分。这次训练最终远低于它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Trainer&apos;s loss plot: training and validation loss per epoch against the dashed baseline, and the test loss in the results.</source>
        <translation>训练器的损失图：每个轮次的训练损失和验证损失与虚线基线的对比，以及结果中的测试损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the Tutorial (PyTorch) preset to the end; its test loss must end below the baseline.</source>
        <translation>把“教程（PyTorch）”预设训练到结束；它的测试损失必须低于基线。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learning rate at which the run diverges</source>
        <translation>训练发散时的学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each step of Adam moves the weights by about the learning rate. At the tutorial&apos;s lr = 0.001 the loss falls smoothly; far larger steps overshoot, the logits grow huge, and confident wrong answers cost tens of nats: the loss ends many times above the ln 2 ≈ 0.693 baseline, or stops being a number. That run has diverged.</source>
        <translation>Adam 的每一步大约把权重移动一个学习率。在教程的学习率 0.001 下，损失平稳下降；步子大得多时会冲过头，logits 变得极大，自信的错误答案要付出几十纳特的代价：损失最终比 ln 2 ≈ 0.693 的基线高出许多倍，或者不再是一个数。这次训练就发散了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Trainer&apos;s loss plot at lr = 1: the curves far above the dashed baseline, and the verdict in red under the Start button: Diverged … Lower the learning rate.</source>
        <translation>学习率为 1 时训练器的损失图：曲线远高于虚线基线；“开始”按钮下方的红色结论：发散……请降低学习率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Raise the learning rate (0.01, 0.1, 1 …) and run until the verdict says the run diverged.</source>
        <translation>提高学习率（0.01、0.1、1 …）并训练，直到结论说这次训练发散了。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Keras-defaults run beside it</source>
        <translation>旁边的 Keras 默认设置训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tutorial&apos;s Keras model is the same network, but Keras starts with Glorot-uniform weights and zero biases, adds Adam&apos;s ε = 1e-7 elsewhere, and clips probabilities inside BCE at 1e-7. The curves come out close but not equal.</source>
        <translation>教程中的 Keras 模型是同一个网络，但 Keras 以 Glorot 均匀分布初始化权重、偏置为零，把 Adam 的 ε = 1e-7 加在别的位置，并在二元交叉熵中把概率截断在 1e-7。两组曲线接近，但不相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss plot: the Keras run&apos;s curves with the PyTorch run ticked for comparison in the runs list.</source>
        <translation>损失图：Keras 训练的曲线，以及在训练记录列表中勾选用来比较的 PyTorch 训练。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the Tutorial (Keras defaults) preset and tick the PyTorch run in the runs list.</source>
        <translation>运行“教程（Keras 默认设置）”预设，并在训练记录列表中勾选 PyTorch 训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label smoothing with ε replaces each one-hot label by (1 − ε)·y + ε/K. For two classes and ε = 0.1 the label 1 becomes 0.95, and the loss can no longer reach 0: its floor is the entropy of that label, about 0.199 nats. The model stops pushing its logits to infinity.</source>
        <translation>参数为 ε 的标签平滑把每个 one-hot 标签换成 (1 − ε)·y + ε/K。两个类别、ε = 0.1 时，标签 1 变成 0.95，损失再也到不了 0：它的下限是这个标签的熵，约 0.199 纳特。模型不再把 logits 推向无穷大。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The smoothed run&apos;s loss curves sit above the plain run&apos;s: the floor has risen.</source>
        <translation>平滑后训练的损失曲线位于普通训练之上：下限抬高了。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train the tutorial preset with a label smoothing of at least 0.05.</source>
        <translation>用至少 0.05 的标签平滑训练教程预设。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One sample&apos;s loss</source>
        <translation>单个样本的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test loss is the mean of every test sample&apos;s own loss, −ln q(true class). A few confidently wrong samples carry much of that mean: each costs several nats, while most cost almost nothing.</source>
        <translation>测试损失是每个测试样本自身损失 −ln q(真实类别) 的平均值。少数自信地答错的样本占了这个平均值的很大一部分：每个要付出好几纳特，而大多数样本几乎没有代价。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Trainer&apos;s results → Samples: the table sorted by loss, worst first, and the histogram of the samples&apos; losses with their mean dashed.</source>
        <translation>训练器的结果 → 样本：按损失从大到小排序的表格，以及样本损失的直方图，虚线是它们的平均值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the Samples page of the trainer&apos;s results.</source>
        <translation>打开训练器结果中的“样本”页。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The landscape of the trained network</source>
        <translation>训练好的网络的损失曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss around the trained network&apos;s weights, on the plane its training path spans: the run descended from a high start into a low basin. Cross-entropy shapes where training can go.</source>
        <translation>训练好的网络权重周围、在其训练路径所张成平面上的损失：训练从高处出发，下降到低洼的盆地。交叉熵决定了训练能走向哪里。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss surfaces → Network landscape: the map, the training path from start to end, and the loss along the line from the initial weights.</source>
        <translation>损失曲面 → 网络损失曲面：地图、从起点到终点的训练路径，以及从初始权重出发的直线上的损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute the landscape of the last run.</source>
        <translation>计算最近一次训练的损失曲面。</translation>
    </message>
</context>
<context>
    <name>LessonDock</name>
    <message>
        <location filename="../../ce_desktop/ui/lesson/pane.py" line="+47"/>
        <source>Lesson</source>
        <extracomment>Narrow enough to sit beside the tabs of a 1280-pixel window, wide enough to read; floating over the tabs of a smaller one, it covers no more than the column at their edge. Floating, the pane keeps this far inside the tabs&apos; area.</extracomment>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Go to a step of the lesson</source>
        <translation>转到课程的某一步</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This step, of all the lesson&apos;s steps</source>
        <translation>当前步骤 / 课程的总步骤数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show me</source>
        <translation>演示给我看</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the app into the state this step is about</source>
        <translation>让应用进入这一步所讲的状态</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The step before</source>
        <translation>前一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next step</source>
        <translation>后一步</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fold the step&apos;s texts away, or show them again</source>
        <translation>收起这一步的文字，或再次显示</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>&lt;b&gt;Look at:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;请看：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Your task:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;你的任务：&lt;/b&gt;{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ Done: the app shows it.</source>
        <translation>✓ 完成：应用已经显示出来了。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>○ Not yet done.</source>
        <translation>○ 尚未完成。</translation>
    </message>
</context>
<context>
    <name>LogisticSurfacePanel</name>
    <message>
        <location filename="../../ce_desktop/ui/surfaces/logistic_surface_panel.py" line="+101"/>
        <source>BCE (log loss) over (w₁, w₂)</source>
        <extracomment>Rows drawn from this module&apos;s own data sets, and from the trainer&apos;s (before its 60 % training split): a few hundred points keep a 101 × 101 grid at tens of milliseconds. The animation shows about this many frames whatever the number of steps. Paths are white over a dark shadow: visible on both ends of the viridis map. Each loss&apos;s colour: its current point on its surface and its model&apos;s boundary on the data. How far from the origin (in data units) the arrows pointing to the class-1 side end. Raw loss surfaces by loss, entry [i, j] at (w1_values[i], w2_values[j]). Full descent paths by loss, (steps + 1, 2); empty until &quot;Descend from here&quot;.</extracomment>
        <translation>BCE（对数损失）随 (w₁, w₂) 的变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE of σ(w·x) over (w₁, w₂)</source>
        <translation>σ(w·x) 的 MSE 随 (w₁, w₂) 的变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data and decision boundary w·x = 0</source>
        <translation>数据与决策边界 w·x = 0</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Each pixel is one model p = σ(w₁x₁ + w₂x₂) (no bias), coloured by its mean loss on the data; both maps share one colour scale. BCE is convex: gradient descent reaches the good region from anywhere. MSE through a sigmoid flattens into plateaus where the model is confidently wrong (σ′ ≈ 0), and descent started there stalls. Click either map to choose w; arrows on the data point to the side each model calls class 1.</source>
        <translation>每个像素是一个模型 p = σ(w₁x₁ + w₂x₂)（无偏置），颜色表示它在数据上的平均损失；两幅图共用一个色标。BCE 是凸的：梯度下降从任何地方出发都能到达好的区域。经过 sigmoid 的 MSE 在模型自信地犯错处（σ′ ≈ 0）变成平台，从那里开始的下降会停滞。点击任一幅图来选择 w；数据图上的箭头指向每个模型判为类别 1 的一侧。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Separable</source>
        <translation>可分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noisy (overlapping)</source>
        <translation>含噪声（重叠）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moons (trainer)</source>
        <translation>双月（训练器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circles (trainer)</source>
        <translation>同心圆（训练器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spiral (trainer)</source>
        <translation>螺旋（训练器）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The two-class, two-feature data the losses are measured on. Separable and noisy classes sit on either side of a line through the origin; XOR, moons, circles and spiral cannot be split by any line.</source>
        <translation>用来计算损失的二分类、双特征数据。“可分”和“含噪声”的两个类别位于一条过原点直线的两侧；XOR、双月、同心圆和螺旋无法用任何直线分开。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Random seed of the data set: another sample</source>
        <translation>数据集的随机种子：换一个样本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The weight grid runs from −this to +this in w₁ and in w₂</source>
        <translation>权重网格在 w₁ 和 w₂ 上从负此值取到正此值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Grid points per axis; an odd number puts a point at w = 0</source>
        <translation>每个坐标轴上的网格点数；取奇数时 w = 0 处有一个点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour by log₁₀ of the loss. On a linear scale BCE&apos;s large values of confidently wrong models use up the colours and MSE (at most 1) looks flat.</source>
        <translation>按损失的 log₁₀ 着色。在线性色标上，自信地犯错的模型的 BCE 值很大，会占满色标，而 MSE（最大为 1）看起来是平的。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Learning rate η of plain gradient descent: w ← w − η ∇L</source>
        <translation>普通梯度下降的学习率 η：w ← w − η ∇L</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of full-batch gradient steps on each surface</source>
        <translation>在每个曲面上进行的全批量梯度步数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Descend from here</source>
        <translation>从这里下降</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run gradient descent from the chosen w on both surfaces at once, each on its own loss</source>
        <translation>从所选的 w 出发，在两个曲面上同时进行梯度下降，各自使用自己的损失</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop the descent where it is</source>
        <translation>在当前位置停止下降</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid:</source>
        <translation>网格：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Click to choose the model w = (w₁, w₂)</source>
        <translation>点击以选择模型 w = (w₁, w₂)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The colour scale shared by both surfaces</source>
        <translation>两个曲面共用的色标</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>chosen w</source>
        <translation>所选 w</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>BCE descent</source>
        <translation>BCE 下降</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>MSE descent</source>
        <translation>MSE 下降</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Points to the side this model predicts as class 1</source>
        <translation>指向该模型预测为类别 1 的一侧</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not make {0}: {1}</source>
        <translation>无法生成 {0}：{1}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loss surfaces: {0}, {1} points</source>
        <translation>损失曲面：{0}，{1} 个点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custom data</source>
        <translation>自定义数据</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>loss (log scale)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Gradient descent: {0} steps on each surface</source>
        <translation>梯度下降：每个曲面 {0} 步</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;b&gt;w = ({0}, {1})&lt;/b&gt;: BCE {2} nats, MSE {3}, accuracy {4} %; slope there |∇BCE| {5}, |∇MSE| {6}</source>
        <translation>&lt;b&gt;w = ({0}, {1})&lt;/b&gt;：BCE {2} 奈特，MSE {3}，准确率 {4} %；该处斜率 |∇BCE| {5}，|∇MSE| {6}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>After {0} of {1} steps at learning rate {2}:</source>
        <translation>以学习率 {2} 走完 {1} 步中的 {0} 步后：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> nats</source>
        <translation> 奈特</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;&lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt; is at ({2}, {3}): {1} {4}{5}, accuracy {6} %</source>
        <translation>&lt;span style=&apos;color:{0}&apos;&gt;&lt;b&gt;{1}&lt;/b&gt;&lt;/span&gt; 位于 ({2}, {3})：{1} {4}{5}，准确率 {6} %</translation>
    </message>
</context>
<context>
    <name>LossCurvesPanel</name>
    <message>
        <location filename="../../ce_desktop/ui/surfaces/loss_curves_panel.py" line="+125"/>
        <source>MSE&apos;s gradient vanishes where the model is confidently wrong (p → 0 when y = 1): it learns slowest exactly where it is most wrong. BCE&apos;s gradient p − y never does.</source>
        <translation>MSE 的梯度在模型自信地犯错时（y = 1 而 p → 0）消失：它恰恰在错得最厉害的地方学得最慢。BCE 的梯度 p − y 永远不会消失。</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+166"/>
        <source>Loss against p</source>
        <translation>损失随 p 的变化</translation>
    </message>
    <message>
        <location line="-165"/>
        <location line="+186"/>
        <source>Gradient with respect to the logit z</source>
        <translation>对 logit z 的梯度</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+216"/>
        <source>Categorical CE against the true-class logit</source>
        <translation>分类交叉熵随真实类别 logit 的变化</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Soft label y: the probability the target assigns to class 1. BCE is smallest at p = y; y = 1 and y = 0 are hard labels.</source>
        <translation>软标签 y：目标分配给类别 1 的概率。BCE 在 p = y 处最小；y = 1 和 y = 0 是硬标签。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Label smoothing ε: the target becomes y(1 − ε) + ε/2 for two classes and (1 − ε)·onehot + ε/K for K classes, as in PyTorch&apos;s CrossEntropyLoss(label_smoothing=ε)</source>
        <translation>标签平滑 ε：两个类别时目标变为 y(1 − ε) + ε/2，K 个类别时变为 (1 − ε)·onehot + ε/K，与 PyTorch 的 CrossEntropyLoss(label_smoothing=ε) 相同</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number of classes K in the categorical plot; the other K − 1 logits stay at 0</source>
        <translation>分类图中的类别数 K；其余 K − 1 个 logit 保持为 0</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Soft label y:</source>
        <translation>软标签 y：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label smoothing ε:</source>
        <translation>标签平滑 ε：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes K:</source>
        <translation>类别数 K：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Move the mouse over a plot to read every curve there</source>
        <translation>将鼠标移到图上，读取该处每条曲线的值</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>predicted probability p</source>
        <translation>预测概率 p</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+53"/>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>BCE, y = 1: −log p</source>
        <translation>BCE，y = 1：−log p</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BCE, y = 0: −log(1−p)</source>
        <translation>BCE，y = 0：−log(1−p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE, y = 1: (1−p)²</source>
        <translation>MSE，y = 1：(1−p)²</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MSE, y = 0: p²</source>
        <translation>MSE，y = 0：p²</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <source>BCE at target y′</source>
        <translation>目标 y′ 下的 BCE</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+25"/>
        <source>MSE at target y′</source>
        <translation>目标 y′ 下的 MSE</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The label y before smoothing</source>
        <translation>平滑前的标签 y</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>predicted probability p = σ(z)</source>
        <translation>预测概率 p = σ(z)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>∂loss/∂z</source>
        <translation>∂损失/∂z</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>BCE, y = 1: p − 1</source>
        <translation>BCE，y = 1：p − 1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BCE, y = 0: p</source>
        <translation>BCE，y = 0：p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MSE, y = 1: 2(p−1)·p(1−p)</source>
        <translation>MSE，y = 1：2(p−1)·p(1−p)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MSE, y = 0: 2p·p(1−p)</source>
        <translation>MSE，y = 0：2p·p(1−p)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>For y = 1 a prediction p near 0 is confidently wrong: BCE pushes with ≈ −1, MSE through a sigmoid with ≈ 0</source>
        <translation>当 y = 1 时，接近 0 的预测 p 是自信地犯错：BCE 以 ≈ −1 的梯度推动，经过 sigmoid 的 MSE 则只有 ≈ 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>◀ confidently wrong (y = 1, p → 0):
    MSE&apos;s gradient ≈ 0, BCE&apos;s ≈ −1</source>
        <translation>◀ 自信地犯错（y = 1，p → 0）：
    MSE 的梯度 ≈ 0，BCE 的 ≈ −1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>true-class logit z_true (other logits 0)</source>
        <translation>真实类别的 logit z_true（其他 logit 为 0）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CE, ε = 0: −log softmax(z)_true</source>
        <translation>CE，ε = 0：−log softmax(z)_true</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CE with label smoothing ε</source>
        <translation>带标签平滑 ε 的 CE</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>minimum p = y′ = {0}</source>
        <translation>最小值 p = y′ = {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>label y = {0}</source>
        <translation>标签 y = {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Target y′ = y(1 − ε) + ε/2 = {0}. Both losses are smallest at p = y′ (●); the least BCE is the target&apos;s own entropy, {1} nats.</source>
        <translation>目标 y′ = y(1 − ε) + ε/2 = {0}。两种损失都在 p = y′ 处最小（●）；BCE 的最小值就是目标自身的熵，{1} 奈特。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Smoothing pulls the minimum off p = y = {0} towards ½, so not even a hard label asks for p = 0 or 1.</source>
        <translation>平滑把最小值从 p = y = {0} 拉向 ½，因此即使是硬标签也不再要求 p = 0 或 1。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>p = {0} (z = {1}), target y′ = {2}</source>
        <translation>p = {0}（z = {1}），目标 y′ = {2}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>at y′: BCE {0} · MSE {1}</source>
        <translation>在 y′ 处：BCE {0} · MSE {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>y = 1: −log p {0} · (1−p)² {1}</source>
        <translation>y = 1：−log p {0} · (1−p)² {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>y = 0: −log(1−p) {0} · p² {1}</source>
        <translation>y = 0：−log(1−p) {0} · p² {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>at y′: ∂BCE/∂z {0} · ∂MSE/∂z {1}</source>
        <translation>在 y′ 处：∂BCE/∂z {0} · ∂MSE/∂z {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>y = 1: ∂BCE/∂z {0} · ∂MSE/∂z {1}</source>
        <translation>y = 1：∂BCE/∂z {0} · ∂MSE/∂z {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>y = 0: ∂BCE/∂z {0} · ∂MSE/∂z {1}</source>
        <translation>y = 0：∂BCE/∂z {0} · ∂MSE/∂z {1}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>log K = {0}: all logits equal</source>
        <translation>log K = {0}：所有 logit 相等</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>minimum z = {0}</source>
        <translation>最小值 z = {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With ε = {0} and K = {1} the target gives the true class {2}, so the loss has a finite minimum {3} nats at z = {4} (●): logits stop growing there.</source>
        <translation>当 ε = {0}、K = {1} 时，目标给真实类别的概率为 {2}，因此损失在 z = {4} 处有有限的最小值 {3} 奈特（●）：logit 在那里停止增长。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Without smoothing the loss only tends to 0 as z → ∞: there is no finite minimum, so training keeps pushing the true-class logit up. Raise ε to give it one.</source>
        <translation>没有平滑时，损失只在 z → ∞ 时趋于 0：没有有限的最小值，所以训练会不断推高真实类别的 logit。增大 ε 可以让它有一个最小值。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>z_true = {0}, K = {1}: softmax(z)_true = {2}</source>
        <translation>z_true = {0}，K = {1}：softmax(z)_true = {2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CE (ε = 0) {0} · ∂CE/∂z_true {1}</source>
        <translation>CE（ε = 0）{0} · ∂CE/∂z_true {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CE (ε = {0}) {1} · ∂CE/∂z_true {2}</source>
        <translation>CE（ε = {0}）{1} · ∂CE/∂z_true {2}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ce_desktop/ui/main_window.py" line="+62"/>
        <source>not installed</source>
        <extracomment>Width and height of a typical window frame: the title bar and borders. Room a dock&apos;s splitter takes beside the central widget. Where the lesson remembers the step the user stopped at, and that it was offered once.</extracomment>
        <translation>未安装</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Entropy, cross-entropy and KL divergence made visible.</source>
        <translation>让熵、交叉熵和 KL散度变得可见。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>ce-desktop — cross-entropy made visible</source>
        <extracomment>Said in both languages when the language changes: the new one is not loaded yet.</extracomment>
        <translation>ce-desktop — 看得见的交叉熵</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+13"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Entropy explorer</source>
        <translation>熵探索器</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Loss surfaces</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainer</source>
        <translation>训练器</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Runs will not be saved: {0}</source>
        <translation>训练记录将不会被保存：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run store was damaged; it was kept as {0} and a new, empty one is in use</source>
        <translation>训练记录库已损坏；它已保留为 {0}，现在使用一个新的空记录库</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Settings reset to their defaults</source>
        <translation>设置已恢复为默认值</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open experiment…</source>
        <translation>打开实验(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load the entropy explorer&apos;s distributions and the trainer&apos;s settings from a JSON file</source>
        <translation>从 JSON 文件载入熵探索器的分布和训练器的设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save experiment…</source>
        <translation>保存实验(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the entropy explorer&apos;s distributions and the trainer&apos;s settings as a JSON file, to share or reproduce</source>
        <translation>把熵探索器的分布和训练器的设置保存为 JSON 文件，便于分享或复现</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;data…</source>
        <translation>打开数据(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a table (CSV): preview it, choose each column&apos;s role, train on it</source>
        <translation>打开表格（CSV）：预览、为每列选择角色、在其上训练</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Apply model to data…</source>
        <translation>将模型应用于数据(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predict a table with the trainer&apos;s model (trained on a table of your own) and write the predictions as a CSV</source>
        <translation>用训练器的模型（在你自己的表格上训练）预测一个表格，并将预测写入 CSV</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save &amp;model…</source>
        <translation>保存模型(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the trainer&apos;s last model as a PyTorch file, to load it again or apply it to a table</source>
        <translation>将训练器最近的模型保存为 PyTorch 文件，以便再次加载或应用到表格</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Load model…</source>
        <translation>加载模型(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model saved by ce-desktop: its settings, weights and test report</source>
        <translation>加载 ce-desktop 保存的模型：其设置、权重和测试报告</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Export current plot…</source>
        <translation>导出当前图表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a plot of this tab as PNG, SVG, PDF or CSV</source>
        <translation>将此标签页的图保存为 PNG、SVG、PDF 或 CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reset settings to defaults</source>
        <translation>恢复默认设置(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the remembered window, tab, units, trainer and landscape settings</source>
        <translation>忘记已记住的窗口、标签页、单位、训练器和损失曲面设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Entropy explorer</source>
        <translation>熵探索器(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss &amp;surfaces</source>
        <translation>损失曲面(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trainer</source>
        <translation>训练器(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this tab</source>
        <translation>显示这个标签页</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train with the trainer&apos;s settings</source>
        <translation>按训练器的设置开始训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Pause or resume training</source>
        <translation>暂停或继续训练(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hold the run between mini-batches, or continue it</source>
        <translation>在小批量之间暂停训练，或继续训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;top training</source>
        <translation>停止训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run; completed epochs are kept</source>
        <translation>停止训练；已完成的轮次会保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute the &amp;landscape</source>
        <translation>计算损失地形(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute the trained network&apos;s loss landscape</source>
        <translation>计算已训练网络的损失地形</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cross-entropy &amp;primer</source>
        <translation>交叉熵入门(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Formulas and best practices: entropy, cross-entropy, KL, BCE, categorical CE</source>
        <translation>公式与最佳实践：熵、交叉熵、KL散度、二元交叉熵、分类交叉熵</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A guided lesson: the tutorial&apos;s path, step by step, in the app</source>
        <translation>引导式课程：在应用中一步一步走完教程的内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About ce-desktop</source>
        <translation>关于 ce-desktop(&amp;A)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About ce-desktop</source>
        <translation>关于 ce-desktop</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Cannot open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot open the lesson: {0}</source>
        <translation>无法打开课程：{0}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>New here? Take the guided lesson</source>
        <translation>第一次使用？跟着引导课程学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help → Lesson: the tutorial&apos;s path, step by step, in the app</source>
        <translation>帮助 → 课程：在应用中一步一步走完教程的内容</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>Experiment (*.json)</source>
        <translation>实验 (*.json)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save failed: {0}</source>
        <translation>保存失败：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Experiment saved to {0}</source>
        <translation>实验已保存到 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reading the experiment {0}…</source>
        <translation>正在读取实验 {0}…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot open the experiment</source>
        <translation>无法打开实验</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Cannot open the experiment: {0}</source>
        <translation>无法打开实验：{0}</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Experiment loaded from {0}</source>
        <translation>已从 {0} 载入实验</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+91"/>
        <location line="+8"/>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Plot to export:</source>
        <translation>要导出的图表：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved {0} to {1}</source>
        <translation>已将 {0} 保存到 {1}</translation>
    </message>
</context>
<context>
    <name>ModelApplier</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/apply_model.py" line="+77"/>
        <source>Apply {0} to a table</source>
        <translation>将 {0} 应用于表格</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the predictions</source>
        <translation>保存预测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No predictions were written.</source>
        <translation>没有写入任何预测。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Predicting {0} with {1}…</source>
        <translation>正在用 {1} 预测 {0}…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{0} has the model&apos;s columns ({1} rows): choose where to save the predictions</source>
        <translation>{0} 包含模型需要的列（{1} 行）：请选择预测的保存位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped; no predictions were written.</source>
        <translation>已停止；未写入任何预测。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not apply the model: {0}</source>
        <translation>无法应用模型：{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wrote {0} predictions to {1}</source>
        <translation>已将 {0} 条预测写入 {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the table has no label column, so no loss)</source>
        <translation>（表格没有标签列，因此没有损失）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; mean cross-entropy {0:.2f} {1}</source>
        <translation>；平均交叉熵 {0:.2f} {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> ({0:.2f} {1} on the run&apos;s test rows)</source>
        <translation>（在该次训练的测试行上为 {0:.2f} {1}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; mean squared error {0:.3f}</source>
        <translation>；均方误差 {0:.3f}</translation>
    </message>
</context>
<context>
    <name>PinnedView</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/pinned_view.py" line="+72"/>
        <source>The pinned test samples, in their lines&apos; colours; double-click one to open its card</source>
        <extracomment>One colour per pin, never a class&apos;s blue or orange of p and q: the lines are samples.</extracomment>
        <translation>已固定的测试样本，颜色与其曲线一致；双击一个可打开它的卡片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop following the chosen sample</source>
        <translation>不再跟踪所选样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin all</source>
        <translation>全部取消固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop following every pinned sample</source>
        <translation>不再跟踪任何已固定的样本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The probability the model gives each pinned sample&apos;s true class, after each epoch</source>
        <translation>每轮之后，模型给每个已固定样本的真实类别的概率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>q(true class)</source>
        <translation>q(真实类别)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each pinned sample&apos;s own loss after each epoch: −log q(true class) without label smoothing</source>
        <translation>每轮之后每个已固定样本自身的损失：不用标签平滑时为 −log q(真实类别)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pin up to {0} test samples to watch them learn: in the Samples page right-click a sample, press P or click Pin; or click &quot;Pin this sample&quot; on its card. Each one&apos;s q(true class) and loss are then drawn here for each epoch of the run, even those before the pin.</source>
        <translation>最多固定 {0} 个测试样本来观察它们如何被学会：在“样本”页右键单击一个样本、按 P 键或点击“固定”；或在其卡片上点击“固定此样本”。之后这里会画出它们在这次训练每一轮的 q(真实类别) 和损失，连固定之前的轮次也会画出。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Pinned samples: q(true class)</source>
        <translation>已固定样本：q(真实类别)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinned samples: loss</source>
        <translation>已固定样本：损失</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Pinned test sample {0}.</source>
        <translation>已固定测试样本 {0}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The samples pinned in other data were unpinned.</source>
        <translation>在其他数据中固定的样本已取消固定。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unpinned test sample {0}.</source>
        <translation>已取消固定测试样本 {0}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unpinned every sample.</source>
        <translation>已取消固定所有样本。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The pinned samples were unpinned: this run trains on other data (a new data set or split).</source>
        <translation>已固定的样本已取消固定：这次训练使用的是其他数据（新的数据集或划分）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A model loaded from a file has no history of epochs: the pinned samples are drawn from the next run&apos;s first epoch on.</source>
        <translation>从文件加载的模型没有各轮的历史：固定的样本将从下一次训练的第一轮起画出。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This run is too large to keep every test sample&apos;s history: a sample pinned during or after it starts where it was pinned.</source>
        <translation>这次训练太大，无法保存每个测试样本的历史：在训练中或训练后固定的样本从固定时的那一轮开始画出。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>row {0} (true {1})</source>
        <translation>第 {0} 行（真实 {1}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss (squared error)</source>
        <translation>损失（平方误差）</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Weights of epoch {0} restored: the model the run kept is this epoch&apos;s</source>
        <translation>已恢复第 {0} 轮的权重：这次训练保留的模型是这一轮的</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>weights restored</source>
        <translation>已恢复权重</translation>
    </message>
</context>
<context>
    <name>Primer</name>
    <message>
        <location filename="../../ce_desktop/ui/primer.py" line="+15"/>
        <source>&lt;h2&gt;Cross-entropy primer&lt;/h2&gt;&lt;p&gt;Everything below can be tried in the app: the entropy explorer computes each quantity, the loss-surface viewer shows why classifiers train on cross-entropy, and the trainer trains with it.&lt;/p&gt;</source>
        <extracomment>The translation context; the calls below spell it out because lupdate reads literals.</extracomment>
        <translation>&lt;h2&gt;交叉熵入门&lt;/h2&gt;&lt;p&gt;下面的每一项都可以在本应用中亲手试一试：熵探索器计算每个量，损失曲面查看器说明分类器为什么用交叉熵训练，训练器则用它来训练模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h3&gt;Entropy&lt;/h3&gt;&lt;p&gt;&lt;b&gt;H(p) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt;: the average surprise of outcomes drawn from p, or the fewest bits per outcome any code needs. With log&lt;sub&gt;2&lt;/sub&gt; it is in bits, with ln in nats (1 nat = 1.443 bits).&lt;/p&gt;&lt;p&gt;A fair coin has &lt;b&gt;H = 1 bit&lt;/b&gt;, the most a two-sided coin can have; a coin that always lands heads has H = 0. K equally likely classes have H = log K.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;熵&lt;/h3&gt;&lt;p&gt;&lt;b&gt;H(p) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log p&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt;：从 p 中抽取的结果的平均惊奇度，也是任何编码平均每个结果至少需要的比特数。用 log&lt;sub&gt;2&lt;/sub&gt; 时单位是比特，用 ln 时单位是奈特（1 奈特 = 1.443 比特）。&lt;/p&gt;&lt;p&gt;一枚公平硬币的 &lt;b&gt;H = 1 比特&lt;/b&gt;，这是两面硬币能有的最大值；总是正面朝上的硬币 H = 0。K 个等可能的类别 H = log K。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;h3&gt;Cross-entropy&lt;/h3&gt;&lt;p&gt;&lt;b&gt;H(p, q) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log q&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt;: the average cost of encoding outcomes of p with a code built for q. A classifier minimises it with p the label and q its predicted probabilities.&lt;/p&gt;&lt;p&gt;It is never below H(p), and it has &lt;b&gt;no upper bound&lt;/b&gt;: a confident wrong prediction (q&lt;sub&gt;i&lt;/sub&gt; → 0 where p&lt;sub&gt;i&lt;/sub&gt; &amp;gt; 0) costs without limit.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;交叉熵&lt;/h3&gt;&lt;p&gt;&lt;b&gt;H(p, q) = −Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log q&lt;sub&gt;i&lt;/sub&gt;&lt;/b&gt;：用为 q 设计的编码来编码 p 的结果时的平均代价。分类器最小化的正是它：p 是标签，q 是预测概率。&lt;/p&gt;&lt;p&gt;它从不低于 H(p)，而且&lt;b&gt;没有上界&lt;/b&gt;：一个自信的错误预测（在 p&lt;sub&gt;i&lt;/sub&gt; &amp;gt; 0 处 q&lt;sub&gt;i&lt;/sub&gt; → 0）的代价可以无限大。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;h3&gt;KL divergence&lt;/h3&gt;&lt;p&gt;&lt;b&gt;KL(p‖q) = Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log(p&lt;sub&gt;i&lt;/sub&gt;/q&lt;sub&gt;i&lt;/sub&gt;) ≥ 0&lt;/b&gt;: the extra cost of using q in place of p. It is 0 only when q = p, and it is not symmetric: KL(p‖q) ≠ KL(q‖p) in general.&lt;/p&gt;&lt;p&gt;&lt;b&gt;H(p, q) = H(p) + KL(p‖q)&lt;/b&gt;. With the labels p fixed, H(p) is a constant, so minimising cross-entropy and minimising KL divergence move the model the same way; they differ by the labels&apos; own entropy (0 for one-hot labels).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;KL散度&lt;/h3&gt;&lt;p&gt;&lt;b&gt;KL(p‖q) = Σ&lt;sub&gt;i&lt;/sub&gt; p&lt;sub&gt;i&lt;/sub&gt; log(p&lt;sub&gt;i&lt;/sub&gt;/q&lt;sub&gt;i&lt;/sub&gt;) ≥ 0&lt;/b&gt;：用 q 代替 p 所多付出的代价。只有当 q = p 时它才为 0，而且它不对称：一般来说 KL(p‖q) ≠ KL(q‖p)。&lt;/p&gt;&lt;p&gt;&lt;b&gt;H(p, q) = H(p) + KL(p‖q)&lt;/b&gt;。标签 p 固定时 H(p) 是常数，所以最小化交叉熵和最小化KL散度会把模型推向同一个方向；两者只相差标签自身的熵（one-hot 标签的熵为 0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;h3&gt;Binary and categorical cross-entropy&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Binary cross-entropy&lt;/b&gt; for a label y ∈ {0, 1} and a predicted probability p: −[y log p + (1 − y) log(1 − p)], averaged over the samples. &lt;b&gt;Categorical cross-entropy&lt;/b&gt; for K classes: −log q&lt;sub&gt;y&lt;/sub&gt;, the negative log-probability of the true class, averaged.&lt;/p&gt;&lt;p&gt;Through a sigmoid or softmax the gradient with respect to the logits is simply q − y: it stays large when the model is confidently wrong. Squared error through a sigmoid has 2(p − y)·p(1 − p), which vanishes there (see &lt;i&gt;Loss surfaces → Per-sample losses&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;二元交叉熵与分类交叉熵&lt;/h3&gt;&lt;p&gt;&lt;b&gt;二元交叉熵&lt;/b&gt;：标签 y ∈ {0, 1}、预测概率 p 时为 −[y log p + (1 − y) log(1 − p)]，再对样本取平均。&lt;b&gt;分类交叉熵&lt;/b&gt;：K 个类别时为 −log q&lt;sub&gt;y&lt;/sub&gt;，即真实类别的负对数概率，再取平均。&lt;/p&gt;&lt;p&gt;经过 sigmoid 或 softmax 后，它对 logits 的梯度就是 q − y：模型自信地犯错时梯度依然很大。而经过 sigmoid 的平方误差的梯度是 2(p − y)·p(1 − p)，在那里会消失（见&lt;i&gt;损失曲面 → 单样本损失&lt;/i&gt;）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;h3&gt;Best practices&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Train on logits with the fused loss&lt;/b&gt;: BCEWithLogitsLoss or CrossEntropyLoss in PyTorch, from_logits=True in Keras. A separate sigmoid followed by BCELoss saturates to 0 or 1 and has to clip (the trainer&apos;s &lt;code&gt;bce_logits&lt;/code&gt; loss).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Label smoothing&lt;/b&gt; ε replaces a one-hot target by (1 − ε)·y + ε/K: the loss then has a finite minimum and the model stops pushing its logits to infinity.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Class weights&lt;/b&gt; (pos_weight) make the rare class count more when the classes are unbalanced.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Calibration&lt;/b&gt;: a low loss does not guarantee that a predicted 0.8 is right 80 % of the time; check the reliability diagram in the trainer&apos;s test results.&lt;/li&gt;&lt;li&gt;Compare a run&apos;s loss with the &lt;b&gt;no-information baseline&lt;/b&gt;, the entropy of the class frequencies (ln 2 ≈ 0.693 nats for balanced binary data).&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;最佳实践&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;在 logits 上用融合的损失函数训练&lt;/b&gt;：PyTorch 中的 BCEWithLogitsLoss 或 CrossEntropyLoss，Keras 中设置 from_logits=True。单独的 sigmoid 再接 BCELoss 会饱和到 0 或 1，只能靠截断（训练器中的 &lt;code&gt;bce_logits&lt;/code&gt; 损失）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;标签平滑&lt;/b&gt; ε 把 one-hot 目标换成 (1 − ε)·y + ε/K：损失因此有了有限的最小值，模型不再把 logits 推向无穷大。&lt;/li&gt;&lt;li&gt;&lt;b&gt;类别权重&lt;/b&gt;（pos_weight）在类别不平衡时让少数类更受重视。&lt;/li&gt;&lt;li&gt;&lt;b&gt;校准&lt;/b&gt;：损失低并不保证预测为 0.8 的样本有 80 % 是对的；请查看训练器测试结果中的可靠性图。&lt;/li&gt;&lt;li&gt;把训练的损失与&lt;b&gt;无信息基线&lt;/b&gt;比较，也就是类别频率的熵（平衡的二分类数据为 ln 2 ≈ 0.693 奈特）。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;h3&gt;Two corrections to the tutorial&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;It says a fair coin&apos;s two faces give an entropy of 0, “almost no uncertainty”. A fair coin has the &lt;b&gt;largest&lt;/b&gt; entropy a coin can have, &lt;b&gt;1 bit&lt;/b&gt;; 0 belongs to a coin that always shows the same face.&lt;/li&gt;&lt;li&gt;It says a cross-entropy near 0 marks a good model and one near 1 a poor one. Cross-entropy is &lt;b&gt;not bounded by 1&lt;/b&gt;: a model that ignores its inputs scores ln 2 ≈ 0.693 nats on balanced binary data, and confident mistakes drive the loss as high as they like. Judge a loss against that baseline, not against 1.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;h3&gt;对教程的两处更正&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;教程说公平硬币两面的熵为 0，“几乎没有任何不确定性”。其实公平硬币的熵是硬币能有的&lt;b&gt;最大值&lt;/b&gt;：&lt;b&gt;1 比特&lt;/b&gt;；熵为 0 的是总是出现同一面的硬币。&lt;/li&gt;&lt;li&gt;教程说交叉熵接近 0 表示模型好、接近 1 表示模型差。交叉熵&lt;b&gt;并不以 1 为上界&lt;/b&gt;：忽略输入的模型在平衡的二分类数据上得到 ln 2 ≈ 0.693 奈特，而自信的错误会让损失任意变大。评判损失要对照这个基线，而不是对照 1。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cross-entropy primer</source>
        <translation>交叉熵入门</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/runs_panel.py" line="+78"/>
        <source>Runs are not being saved: the run store could not be opened.</source>
        <translation>训练记录未被保存：无法打开训练记录库。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training still works, but no run or epoch is kept after the window closes</source>
        <translation>仍然可以训练，但关闭窗口后不会保留任何训练或轮次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tick runs to compare their loss curves; double-click a name to rename it.</source>
        <translation>勾选训练以比较它们的损失曲线；双击名称可重命名。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tick to draw this run&apos;s loss curves in the comparison</source>
        <translation>勾选以在比较图中画出此次训练的损失曲线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The run&apos;s name; double-click to rename it</source>
        <translation>训练的名称；双击可重命名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running, finished, stopped (by you; completed epochs are kept) or failed (hover for the reason)</source>
        <translation>进行中、已完成、已停止（由你停止；已完成的轮次会保留）或失败（悬停查看原因）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number of completed epochs stored</source>
        <translation>已保存的完成轮次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final val loss</source>
        <translation>最终验证损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation loss (nats) after the last stored epoch</source>
        <translation>最后一个已保存轮次后的验证损失（奈特）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of held-out test samples classified correctly, once the run ended</source>
        <translation>训练结束后，留出测试样本中被正确分类的比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When the run started (local time)</source>
        <translation>训练开始的时间（本地时间）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every stored run, newest first. Select a run to export or delete it.</source>
        <translation>所有已保存的训练，最新的在前。选中一次训练可导出或删除它。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the selected run&apos;s epochs (losses, accuracies, seconds) as a CSV file</source>
        <translation>将所选训练的各轮次（损失、准确率、秒数）保存为 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the selected run&apos;s settings, test results and epochs as a JSON file</source>
        <translation>将所选训练的设置、测试结果和各轮次保存为 JSON 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected run and its epochs from the run store (asks first)</source>
        <translation>从训练记录库中删除所选训练及其轮次（会先询问）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read the run store again</source>
        <translation>重新读取训练记录库</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not read the run store: {0}</source>
        <translation>无法读取训练记录库：{0}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not delete “{0}”: {1}</source>
        <translation>无法删除“{0}”：{1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deleted “{0}”.</source>
        <translation>已删除“{0}”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export run</source>
        <translation>导出训练</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete run</source>
        <translation>删除训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the run “{0}” and all its epochs? This cannot be undone.</source>
        <translation>删除训练“{0}”及其所有轮次？此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Tick to compare this run&apos;s loss curves with others</source>
        <translation>勾选以将此次训练的损失曲线与其他训练比较</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{0}
Double-click to rename</source>
        <translation>{0}
双击可重命名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>A run name cannot be empty; kept “{0}”.</source>
        <translation>训练名称不能为空；已保留“{0}”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not rename “{0}”: {1}</source>
        <translation>无法重命名“{0}”：{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Renamed “{0}” to “{1}”.</source>
        <translation>已将“{0}”重命名为“{1}”。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Could not export “{0}”: {1}</source>
        <translation>无法导出“{0}”：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported “{0}” to {1}</source>
        <translation>已将“{0}”导出到 {1}</translation>
    </message>
</context>
<context>
    <name>SampleCardDialog</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/sample_card.py" line="+93"/>
        <source>The sample as the data set holds it (raw pixels)</source>
        <extracomment>The card&apos;s size when the screen has room; smaller screens get what they have. How the 8×8 digit is drawn: each pixel this many screen pixels wide. The probability axis reaches above 1 so the legend sits over the bars, not on them.</extracomment>
        <translation>数据集中保存的样本（原始像素）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sample&apos;s features as the network receives them (standardised for every data set but the tutorial&apos;s)</source>
        <translation>网络接收到的样本特征（除教程数据外，所有数据集都已标准化）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>p: the label as a distribution; q: the model&apos;s prediction, class by class</source>
        <translation>p：作为分布的标签；q：模型的预测，逐类显示</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>p (label)</source>
        <translation>p（标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q (model)</source>
        <translation>q（模型）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+193"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>Each class&apos;s term −pᵢ ln qᵢ in nats; the last row is their sum, the sample&apos;s cross-entropy H(p, q)</source>
        <translation>每个类别的项 −pᵢ ln qᵢ（单位：纳特）；最后一行是它们的和，即该样本的交叉熵 H(p, q)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>H(p, q), its loss:</source>
        <translation>H(p, q)，即其损失：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample&apos;s cross-entropy: the sum of the terms, its own loss</source>
        <translation>样本的交叉熵：各项之和，即它自己的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H(p):</source>
        <translation>H(p)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entropy of the label: 0 for a one-hot label, more with label smoothing; the least loss the sample can reach</source>
        <translation>标签的熵：独热标签为 0，标签平滑时更大；这是该样本能达到的最小损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>KL(p‖q):</source>
        <translation>KL(p‖q)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the prediction costs beyond H(p): H(p, q) − H(p)</source>
        <translation>预测在 H(p) 之外多付出的代价：H(p, q) − H(p)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open in the entropy explorer</source>
        <translation>在熵探索器中打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <source>Show this p and q in the first tab, where q can be edited and the sample&apos;s loss watched as it changes</source>
        <translation>在第一个标签页中显示这个 p 和 q，在那里可以编辑 q 并观察样本损失的变化</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the card</source>
        <translation>关闭卡片</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+78"/>
        <location line="+8"/>
        <source>Pin this sample</source>
        <translation>固定此样本</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Validation sample {0} — {1}</source>
        <translation>验证样本 {0} — {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test sample {0} — {1}</source>
        <translation>测试样本 {0} — {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validation sample {0}: true class {1}, predicted {2} ({3})</source>
        <translation>验证样本 {0}：真实类别 {1}，预测为 {2}（{3}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test sample {0}: true class {1}, predicted {2} ({3})</source>
        <translation>测试样本 {0}：真实类别 {1}，预测为 {2}（{3}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>p is the label smoothed by the run&apos;s ε = {0}: (1 − ε)·one-hot + ε/K.</source>
        <translation>p 是经本次训练的 ε = {0} 平滑后的标签：(1 − ε)·独热 + ε/K。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>p is the one-hot label: all of it on the true class.</source>
        <translation>p 是独热标签：全部概率都在真实类别上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>q is the model&apos;s prediction. In nats, the run&apos;s unit.</source>
        <translation>q 是模型的预测。单位为纳特，与本次训练相同。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The entropy explorer shows {0} to {1} classes; this run has {2}</source>
        <translation>熵探索器显示 {0} 到 {1} 个类别；本次训练有 {2} 个</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only test samples can be pinned: the Pinned page follows test samples through a run. Switch the Samples page to the test samples to pin one.</source>
        <translation>只能固定测试样本：“已固定”页在训练中跟踪的是测试样本。把“样本”页切换到测试样本即可固定一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unpin this sample</source>
        <translation>取消固定此样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop following this sample in the Pinned page</source>
        <translation>不再在“已固定”页中跟踪此样本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow this sample in the trainer&apos;s Pinned page: its q(true class) and loss after each epoch of the next run (up to five samples)</source>
        <translation>在训练器的“已固定”页中跟踪此样本：下一次训练每轮之后它的 q(真实类别) 和损失（最多五个样本）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This run trains on squared error: its loss for the sample is {0}, not H(p, q).</source>
        <translation>本次训练使用平方误差：该样本的损失是 {0}，而不是 H(p, q)。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run&apos;s own loss for the sample is {0} nats: it caps −ln q at 100, or q was rounded to single precision.</source>
        <translation>本次训练对该样本计算的损失是 {0} 纳特：它把 −ln q 限制在 100 以内，或者 q 被舍入为单精度。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>q gives the true class no probability at all: the loss is infinite.</source>
        <translation>q 完全没有给真实类别任何概率：损失为无穷大。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>H(p, q) = H(p) + KL(p‖q): a confident wrong prediction costs without bound.</source>
        <translation>H(p, q) = H(p) + KL(p‖q)：自信的错误预测代价没有上限。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>sum</source>
        <translation>总和</translation>
    </message>
</context>
<context>
    <name>SampleTableModel</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/samples_view.py" line="+172"/>
        <source>row</source>
        <extracomment>Pixels beside a column&apos;s header text for the sort indicator and the margins. Pixels around the colour swatch of a pinned sample&apos;s row number. Pixels between the controls above the table: the row fits beside the trainer&apos;s form at 1024 px with a count of four-digit samples. An image sample&apos;s thumbnail beside its true class: each 8×8 pixel 3 screen pixels wide. Pixels a row is taller than its thumbnail.</extracomment>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q(true)</source>
        <translation>q(真实)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sample&apos;s row in the validation set, counted from 0</source>
        <translation>该样本在验证集中的行号，从 0 数起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample&apos;s row in the test set, counted from 0</source>
        <translation>该样本在测试集中的行号，从 0 数起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample&apos;s true class (its label)</source>
        <translation>该样本的真实类别（它的标签）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The predicted class: the one the model gives the highest probability</source>
        <translation>预测类别：模型给出概率最高的类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The probability the model gives the true class</source>
        <translation>模型给真实类别的概率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Whether the predicted class is the true class</source>
        <translation>预测类别是否就是真实类别</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Pinned: its q(true class) and loss are drawn in the Pinned page, in this colour</source>
        <translation>已固定：它的 q(真实类别) 和损失以此颜色画在“已固定”页中</translation>
    </message>
</context>
<context>
    <name>SamplesView</name>
    <message>
        <location line="+37"/>
        <source>Double-click a sample, or press Enter, to open its card</source>
        <translation>双击一个样本，或按回车键，打开它的卡片</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+56"/>
        <location line="+213"/>
        <location line="+4"/>
        <location line="+7"/>
        <source>Pin</source>
        <translation>固定</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>validation samples</source>
        <translation>验证样本</translation>
    </message>
    <message>
        <location line="-322"/>
        <source>Which samples the table and the histogram show: the test set, or the validation set the run watched after each epoch (same model, same weights)</source>
        <translation>表格和直方图显示哪些样本：测试集，或训练在每轮之后观察的验证集（同一个模型，同样的权重）</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>wrong only</source>
        <translation>只看错的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the samples predicted wrong</source>
        <translation>只显示预测错误的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>confidently wrong</source>
        <translation>高置信错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the samples predicted wrong with q(true class) &lt; 0.1</source>
        <translation>只显示预测错误且 q(真实类别) &lt; 0.1 的样本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the samples of one true class</source>
        <translation>只显示某一真实类别的样本</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show every sample again (the filters stay)</source>
        <translation>重新显示所有样本（筛选条件保留）</translation>
    </message>
    <message>
        <location line="+300"/>
        <source>How much of the test loss the worst samples carry: a few very wrong, very confident predictions can make up most of the mean</source>
        <translation>最差的样本占测试损失的多少：少数错得很离谱、又很自信的预测可能构成均值的大部分</translation>
    </message>
    <message>
        <location line="-271"/>
        <source>Each test sample and its own loss appear here when a run finishes or a model is loaded.</source>
        <translation>训练结束或载入模型后，这里列出每个测试样本及其自身的损失。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+257"/>
        <source>How the test samples&apos; own losses are spread; the dashed line is their mean, the test loss</source>
        <translation>测试样本各自损失的分布；虚线是它们的均值，即测试损失</translation>
    </message>
    <message>
        <location line="-249"/>
        <location line="+245"/>
        <source>test samples</source>
        <translation>测试样本</translation>
    </message>
    <message>
        <location line="-229"/>
        <source>Per-sample losses</source>
        <translation>单样本损失</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample&apos;s own loss: −Σ pᵢ log qᵢ, which is −log q(true class) without label smoothing</source>
        <translation>该样本自身的损失：−Σ pᵢ log qᵢ；不做标签平滑时即 −log q(真实类别)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>loss (squared error)</source>
        <translation>损失（平方误差）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sample&apos;s own squared error, averaged over the network&apos;s outputs</source>
        <translation>该样本自身的平方误差，对网络的各个输出取平均</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Without the class weights; the test loss is their weighted mean</source>
        <translation>不含类别权重；测试损失是它们的加权均值</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>every class</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Without the class weights; the validation loss is their weighted mean</source>
        <translation>不含类别权重；验证损失是它们的加权均值</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Only test samples can be pinned: the Pinned page follows test samples through a run. Switch to the test samples to pin one.</source>
        <translation>只能固定测试样本：“已固定”页在训练中跟踪的是测试样本。切换到测试样本即可固定一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a sample to pin: its q(true class) and loss are then drawn in the Pinned page after each epoch of the next run (up to five samples; key P)</source>
        <translation>选择要固定的样本：之后在下一次训练的每轮之后，它的 q(真实类别) 和损失会画在“已固定”页中（最多五个样本；按键 P）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unpin</source>
        <translation>取消固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop following test sample {0} in the Pinned page (key P)</source>
        <translation>不再在“已固定”页中跟踪测试样本 {0}（按键 P）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow test sample {0} in the Pinned page: its q(true class) and loss after each epoch of the next run (up to five samples; key P)</source>
        <translation>在“已固定”页中跟踪测试样本 {0}：下一次训练每轮之后它的 q(真实类别) 和损失（最多五个样本；按键 P）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{0} of {1} samples</source>
        <translation>{1} 个样本中的 {0} 个</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>How the validation samples&apos; own losses are spread; the dashed line is their mean, the validation loss</source>
        <translation>验证样本各自损失的分布；虚线是它们的均值，即验证损失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How much of the validation loss the worst samples carry: a few very wrong, very confident predictions can make up most of the mean</source>
        <translation>最差的样本占验证损失的多少：少数错得很离谱、又很自信的预测可能构成均值的大部分</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Weighted mean (dashed) = validation loss {0}</source>
        <translation>加权均值（虚线）= 验证损失 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mean (dashed) = validation loss {0}</source>
        <translation>均值（虚线）= 验证损失 {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weighted mean (dashed) = test loss {0}</source>
        <translation>加权均值（虚线）= 测试损失 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean (dashed) = test loss {0}</source>
        <translation>均值（虚线）= 测试损失 {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}. The worst 1 % of the samples carry {1} of it, the worst 10 % {2}.</source>
        <translation>{0}。最差的 1 % 样本占其中 {1}，最差的 10 % 占 {2}。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ce_desktop/ui/common/session.py" line="+32"/>
        <source>Settings could not be read and were not moved aside ({0})</source>
        <extracomment>Bumped when a stored value changes meaning; older values are then ignored.</extracomment>
        <translation>无法读取设置，也无法将其移开（{0}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings could not be read; defaults are used (the file was kept as {0})</source>
        <translation>无法读取设置；现使用默认值（原文件已保留为 {0}）</translation>
    </message>
</context>
<context>
    <name>SurfaceTab</name>
    <message>
        <location filename="../../ce_desktop/ui/surfaces/tab.py" line="+32"/>
        <source>Per-sample losses</source>
        <translation>单样本损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BCE and MSE of one prediction, their gradients, soft labels, label smoothing and the categorical version</source>
        <translation>单个预测的 BCE 与 MSE、它们的梯度、软标签、标签平滑以及多分类版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BCE vs MSE surfaces</source>
        <translation>BCE 与 MSE 曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss over the two weights of a logistic regression: cross-entropy is a bowl, squared error through a sigmoid has plateaus</source>
        <translation>逻辑回归两个权重上的损失：交叉熵是一只碗，经过 sigmoid 的平方误差则有平台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network landscape</source>
        <translation>网络损失曲面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss around a trained network&apos;s weights, its training path and the line from its initial weights</source>
        <translation>已训练网络权重周围的损失、它的训练路径，以及从初始权重出发的直线</translation>
    </message>
</context>
<context>
    <name>TrainerTab</name>
    <message>
        <location filename="../../ce_desktop/ui/trainer/tab.py" line="+178"/>
        <source>Tutorial (PyTorch)</source>
        <extracomment>Live curves are redrawn at most this often. pyqtgraph paints in Python on the GUI thread and holds the GIL meanwhile, which slowed training by ~60 % when drawn every epoch (benchmarks/worker.py). The decision boundary is redrawn at most this often (about seven frames a second). After a run&apos;s curves and message, the wait before its report is drawn (a turn of its own). Lines of text the message under the buttons shows before it scrolls. The live loss and accuracy plots never get shorter than this (they are the run). The loss the run in the live plots trains on (a key of LOSS_UNITS).</extracomment>
        <translation>教程（PyTorch）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tutorial (Keras defaults)</source>
        <translation>教程（Keras 默认设置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tutorial: 20-10-10-1 ReLU MLP, sigmoid + BCE, Adam 0.001, batch 32, 20 epochs on make_classification(10000, n_informative=10). Keras: the same with Glorot init, Adam ε = 1e-7 and BCE clipped at 1e-7.</source>
        <translation>教程：20-10-10-1 的 ReLU 多层感知机，sigmoid + BCE，Adam 0.001，批大小 32，在 make_classification(10000, n_informative=10) 上训练 20 个轮次。Keras：同上，但使用 Glorot 初始化、Adam ε = 1e-7，BCE 在 1e-7 处截断。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>tutorial: the tutorial&apos;s 20-feature data; moons … blobs: 2-D sets whose decision boundary is drawn live; digits, breast_cancer, iris, wine: real data bundled with scikit-learn (more than two classes: loss ce); csv: your own file</source>
        <translation>tutorial：教程中的 20 特征数据；moons … blobs：二维数据集，实时绘制决策边界；digits、breast_cancer、iris、wine：scikit-learn 自带的真实数据（多于两类时用损失 ce）；csv：你自己的文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Number of points (2-D sets)</source>
        <translation>样本点数（二维数据集）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise of the 2-D sets</source>
        <translation>二维数据集的噪声</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of classes (blobs)</source>
        <translation>类别数（blobs）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed of the data and its split</source>
        <translation>数据及其划分的种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV file…</source>
        <translation>CSV 文件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A table of number and category columns (gaps are filled) and a label column</source>
        <translation>由数值列和类别列（缺失值会被填补）以及一个标签列组成的表格</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a CSV file</source>
        <translation>选择一个 CSV 文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>last column</source>
        <translation>最后一列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the label column (default: the last)</source>
        <translation>标签列的名称（默认：最后一列）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns…</source>
        <translation>列…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look at the file again: its preview, each column&apos;s role and what will be done to it</source>
        <translation>再次查看文件：预览、每列的角色以及将如何处理</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The table as the import dialog read it</source>
        <translation>导入对话框读取到的表格</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data set:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise:</source>
        <translation>噪声：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes:</source>
        <translation>类别数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data seed:</source>
        <translation>数据种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label column:</source>
        <translation>标签列：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Hidden layer sizes, comma-separated</source>
        <translation>各隐藏层大小，用逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation after each hidden layer</source>
        <translation>每个隐藏层之后的激活函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pytorch: PyTorch&apos;s default (Kaiming-uniform); keras: Glorot-uniform, zero biases</source>
        <translation>pytorch：PyTorch 默认（Kaiming 均匀）；keras：Glorot 均匀，偏置为零</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hidden layers:</source>
        <translation>隐藏层：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activation:</source>
        <translation>激活函数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initialisation:</source>
        <translation>初始化：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bce: sigmoid output + BCELoss (the tutorial); bce_logits: logit output + BCEWithLogitsLoss (numerically stable, recommended); ce: softmax cross-entropy (multi-class); mse: squared error, for comparison</source>
        <translation>bce：sigmoid 输出 + BCELoss（教程的做法）；bce_logits：logit 输出 + BCEWithLogitsLoss（数值稳定，推荐）；ce：softmax 交叉熵（多分类）；mse：平方误差，用于对比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Label smoothing ε</source>
        <translation>标签平滑 ε</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight of the positive class (binary tasks)</source>
        <translation>正类的权重（二分类任务）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clip probabilities to [ε, 1 − ε] inside BCE, as Keras does (1e-7)</source>
        <translation>在 BCE 内部把概率截断到 [ε, 1 − ε]，与 Keras 相同（1e-7）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss:</source>
        <translation>损失：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label smoothing:</source>
        <translation>标签平滑：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Positive weight:</source>
        <translation>正类权重：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clip ε:</source>
        <translation>截断 ε：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optimisation algorithm</source>
        <translation>优化算法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay (L2 penalty)</source>
        <translation>权重衰减（L2 惩罚）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum (SGD, RMSprop)</source>
        <translation>动量（SGD、RMSprop）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adam&apos;s ε: PyTorch&apos;s default is 1e-8, Keras&apos; 1e-7</source>
        <translation>Adam 的 ε：PyTorch 默认为 1e-8，Keras 为 1e-7</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where Adam adds ε: pytorch adds it to the bias-corrected √v̂, keras to the raw √v (the step is then α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε)), as Keras does</source>
        <translation>Adam 把 ε 加在哪里：pytorch 加在偏差校正后的 √v̂ 上，keras 加在未校正的 √v 上（步长为 α·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε)），与 Keras 相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mini-batch size</source>
        <translation>小批量大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of passes over the data</source>
        <translation>遍历数据的次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed of the initial weights and the shuffling: same seed, same run</source>
        <translation>初始权重和打乱顺序的种子：相同的种子，相同的训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Early stopping: end the run after this many epochs without a lower validation loss (0: off)</source>
        <translation>早停：验证损失连续这么多轮没有下降就结束训练（0：关闭）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restore the best epoch&apos;s weights</source>
        <translation>恢复最佳一轮的权重</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimiser:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum:</source>
        <translation>动量：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam ε:</source>
        <translation>Adam ε：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ε added to:</source>
        <translation>ε 加在：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early stopping:</source>
        <translation>早停：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train with these settings</source>
        <translation>用这些设置开始训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+429"/>
        <location line="+148"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-577"/>
        <source>Pause or resume between mini-batches</source>
        <translation>在小批量之间暂停或继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop; completed epochs are kept</source>
        <translation>停止；已完成的轮次会保留</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save model…</source>
        <translation>保存模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the last run&apos;s weights and settings (PyTorch state_dict + config)</source>
        <translation>保存上一次训练的权重和设置（PyTorch state_dict + 配置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a saved model; its settings fill the form. Files are read with weights_only=True: a file carrying code is refused</source>
        <translation>加载已保存的模型，其设置会填入表单。文件以 weights_only=True 读取：携带代码的文件会被拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply model to data…</source>
        <translation>将模型应用于数据…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mini-batches done</source>
        <translation>已完成的小批量</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+960"/>
        <source>Loss per epoch</source>
        <translation>每个轮次的损失</translation>
    </message>
    <message>
        <location line="-261"/>
        <source>Run complete: test accuracy {0:.1%}, test loss {1:.4f}</source>
        <translation>运行完成：测试准确率 {0:.1%}，测试损失 {1:.4f}</translation>
    </message>
    <message>
        <location line="-707"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+312"/>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <location line="-307"/>
        <location line="+23"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+22"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>no-information baseline</source>
        <translation>无信息基线</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+937"/>
        <source>Accuracy per epoch</source>
        <translation>每个轮次的准确率</translation>
    </message>
    <message>
        <location line="-937"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>EMA smoothing</source>
        <translation>EMA 平滑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show exponential moving averages (α = 0.3)</source>
        <translation>显示指数移动平均（α = 0.3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>log loss axis</source>
        <translation>对数损失轴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logarithmic loss axis</source>
        <translation>对数刻度的损失轴</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test results</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pinned</source>
        <translation>已固定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>hidden layers must be whole numbers such as 10, 10</source>
        <translation>隐藏层必须是整数，例如 10, 10</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>{0}: {1} rows, {2} features, label {3} ({4} classes)</source>
        <translation>{0}：{1} 行，{2} 个特征，标签 {3}（{4} 个类别）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} classes: the loss is now ce (softmax cross-entropy)</source>
        <translation>{0} 个类别：损失已改为 ce（softmax 交叉熵）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot start: {0}</source>
        <translation>无法开始：{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>loss (squared error)</source>
        <translation>损失（平方误差）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading data and PyTorch…</source>
        <translation>正在加载数据和 PyTorch…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Resumed.</source>
        <translation>已继续。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused between mini-batches.</source>
        <translation>已在小批量之间暂停。</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Train a model first; a failed run has none to save.</source>
        <translation>请先训练一个模型；失败的训练没有可保存的模型。</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Loaded {0}, but could not test it: {1}</source>
        <translation>已加载 {0}，但无法测试：{1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not save the model: {0}</source>
        <translation>无法保存模型：{0}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Loaded {0}: hidden layers {1}, loss {2}; testing it…</source>
        <translation>已加载 {0}：隐藏层 {1}，损失 {2}；正在测试…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Loaded {0}: test accuracy {1:.1%}, test loss {2:.4f} (baseline {3:.4f})</source>
        <translation>已加载 {0}：测试准确率 {1:.1%}，测试损失 {2:.4f}（基线 {3:.4f}）</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Saved the model to {0}</source>
        <translation>已将模型保存到 {0}</translation>
    </message>
    <message>
        <location line="-500"/>
        <source>When the run ends, stopped early or not, keep the weights of the epoch with the lowest validation loss</source>
        <translation>训练结束时（无论是否提前停止），保留验证损失最低那一轮的权重</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>digits (8×8 images)</source>
        <translation>digits（8×8 图像）</translation>
    </message>
    <message>
        <location line="+253"/>
        <source>Bits learned = (baseline − validation loss) / ln 2: the information per sample the model extracts beyond the class frequencies. With a positive weight other than 1 the losses are weighted means, not information per sample: the line gives how far the weighted loss is below the weighted baseline, in nats</source>
        <translation>学到的比特 = (基线 − 验证损失) / ln 2：模型在类别频率之外从每个样本中提取的信息。正类权重不为 1 时，损失是加权平均，而不是每个样本的信息量：此行给出加权损失低于加权基线多少，单位为奈特</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>Open a table</source>
        <translation>打开表格</translation>
    </message>
    <message>
        <location line="+172"/>
        <location line="+9"/>
        <source>Could not load the model: {0}</source>
        <translation>无法加载模型：{0}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PyTorch model (*.pt)</source>
        <translation>PyTorch 模型 (*.pt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PyTorch model (*.pt);;All files (*)</source>
        <translation>PyTorch 模型 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Predict a table with this model: a CSV of its rows with the predicted class, each class&apos;s probability and, where the label is there, each row&apos;s cross-entropy</source>
        <translation>用此模型预测一个表格：生成一个 CSV，包含各行及其预测类别、每个类别的概率，以及（有标签时）每行的交叉熵</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Apply model to data… needs a model trained on a table of your own: train on a CSV table, or load a model saved from such a run</source>
        <translation>“将模型应用于数据…”需要一个在你自己的表格上训练的模型：请在 CSV 表格上训练，或加载从这样的训练保存的模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Wait until the running job is over.</source>
        <translation>请等待正在运行的任务结束。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the table: {0:,} of {1:,} lines</source>
        <translation>正在读取表格：第 {0:,} 行，共 {1:,} 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the predictions: {0:,} of {1:,} rows</source>
        <translation>正在写入预测：第 {0:,} 行，共 {1:,} 行</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>weighted no-information baseline {0:.3f}</source>
        <translation>加权无信息基线 {0:.3f}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no-information baseline {0:.3f}</source>
        <translation>无信息基线 {0:.3f}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Training {0}…</source>
        <translation>正在训练 {0}…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>kept epoch {0}: weighted validation loss &lt;b&gt;{1:.4f}&lt;/b&gt; nats — &lt;b&gt;{2:.3f}&lt;/b&gt; below the weighted baseline {3:.3f}</source>
        <translation>保留的第 {0} 轮：加权验证损失 &lt;b&gt;{1:.4f}&lt;/b&gt; 奈特 — 比加权基线 {3:.3f} 低 &lt;b&gt;{2:.3f}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>epoch {0}: weighted validation loss &lt;b&gt;{1:.4f}&lt;/b&gt; nats — &lt;b&gt;{2:.3f}&lt;/b&gt; below the weighted baseline {3:.3f}</source>
        <translation>第 {0} 轮：加权验证损失 &lt;b&gt;{1:.4f}&lt;/b&gt; 奈特 — 比加权基线 {3:.3f} 低 &lt;b&gt;{2:.3f}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>kept epoch {0}: validation loss &lt;b&gt;{1:.4f}&lt;/b&gt; nats — &lt;b&gt;{2:.3f}&lt;/b&gt; of {3:.3f} bits per sample learned</source>
        <translation>保留的第 {0} 轮：验证损失 &lt;b&gt;{1:.4f}&lt;/b&gt; 奈特 — 每个样本学到 &lt;b&gt;{2:.3f}&lt;/b&gt; / {3:.3f} 比特</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>epoch {0}: validation loss &lt;b&gt;{1:.4f}&lt;/b&gt; nats — &lt;b&gt;{2:.3f}&lt;/b&gt; of {3:.3f} bits per sample learned</source>
        <translation>第 {0} 轮：验证损失 &lt;b&gt;{1:.4f}&lt;/b&gt; 奈特 — 每个样本已学到 {3:.3f} 比特中的 &lt;b&gt;{2:.3f}&lt;/b&gt; 比特</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (negative: worse than answering the class frequencies)</source>
        <translation>（为负：比只按类别频率作答还差）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>{0:.0f} s elapsed, about {1:.0f} s left</source>
        <translation>已用 {0:.0f} 秒，约剩 {1:.0f} 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>{0:.1f} s</source>
        <translation>{0:.1f} 秒</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>stopped early at epoch {0}</source>
        <translation>在第 {0} 轮提前停止</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Reading the data: {0:,} of {1:,} lines</source>
        <translation>正在读取数据：{1:,} 行中的 {0:,} 行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run could not start or failed: {0}</source>
        <translation>训练无法开始或已失败：{0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+105"/>
        <source>run {0}</source>
        <translation>训练 {0}</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+105"/>
        <source>last run</source>
        <translation>上一次训练</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>True class {0}, predicted {1}: {2} samples</source>
        <translation>真实类别 {0}，预测为 {1}：{2} 个样本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>P(class {0})</source>
        <translation>P(类别 {0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q(true class)</source>
        <translation>q(真实类别)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} from {1} to {2}: {3} samples</source>
        <translation>{0} 从 {1} 到 {2}：{3} 个样本</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>{0} (val)</source>
        <translation>{0}（验证）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>epoch {0}
train loss {1:.4f}
val loss {2:.4f}
val acc {3:.3f}</source>
        <translation>第 {0} 轮
训练损失 {1:.4f}
验证损失 {2:.4f}
验证准确率 {3:.3f}</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <location filename="../../ce_desktop/ui/common/formatting.py" line="+14"/>
        <source>bit</source>
        <extracomment>The core names units in English; the UI shows them through translate(&quot;Units&quot;, …).</extracomment>
        <translation>比特</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nat</source>
        <translation>奈特</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ban</source>
        <translation>哈特</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bans</source>
        <translation>哈特</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>undefined</source>
        <translation>未定义</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../ce_desktop/core/training/config.py" line="+125"/>
        <source>unknown setting(s): {keys}</source>
        <translation>未知的设置项：{keys}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the configuration is not valid JSON: {reason}</source>
        <translation>配置不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+27"/>
        <source>the configuration must be a JSON object</source>
        <extracomment>The generated data sets (core.data), then the user&apos;s own table. The data sets with two features, whose decision boundary the trainer draws. The losses of a one-unit binary head: they need two classes. The unit each loss is measured in: the cross-entropies in nats (natural logarithms, as PyTorch computes them); MSE, a squared difference of probabilities, in none. Where Adam adds ε: to the bias-corrected √v̂ (PyTorch) or to the raw √v (Keras). The range of every number in a config, inclusive; the trainer&apos;s form uses the same. A hidden layer&apos;s width, and how many layers: enough for any lesson, and no more than the worker can allocate. Characters in a run&apos;s name, a path or a column name. Columns a config can give a role: more than any table the trainer reads sensibly.</extracomment>
        <translation>配置必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>setting {key!r} cannot be {value}</source>
        <translation>设置 {key!r} 不能是 {value}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the configuration is nested too deeply to be a configuration</source>
        <translation>配置嵌套过深，不是有效的配置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{setting} must be one of {choices}</source>
        <translation>{setting} 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{setting} must lie between {low:g} and {high:g}, not {value:g}</source>
        <translation>{setting} 必须在 {low:g} 与 {high:g} 之间，而不是 {value:g}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>hidden layers: at most {layers}, each of {low} to {high} units</source>
        <translation>隐藏层：最多 {layers} 层，每层 {low} 到 {high} 个单元</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>names and paths in a configuration are at most {n} characters</source>
        <translation>配置中的名称和路径最多 {n} 个字符</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>choose a CSV file</source>
        <translation>请选择一个 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>csv_roles names at most {n} columns</source>
        <translation>csv_roles 最多指定 {n} 列</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/columns.py" line="+250"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+127"/>
        <source>no column named {target!r}; the columns are {columns}</source>
        <translation>没有名为 {target!r} 的列；现有的列是 {columns}</translation>
    </message>
    <message>
        <location line="-9"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="-22"/>
        <location filename="../../ce_desktop/core/training/predictions.py" line="+111"/>
        <source>line {line} has {cells} cells, the header has {columns}</source>
        <extracomment>Cells (compared case-insensitively, after stripping) that mean &quot;no value here&quot;: the one list every reader, summary and preview uses. &quot;?&quot; marks a gap in many public data sets (UCI&apos;s adult, census income), &quot;#n/a&quot; is what a spreadsheet writes for a failed look-up. Bytes looked at to tell a binary file from text. Byte-order marks, the longer first (UTF-32 LE starts with UTF-16 LE&apos;s). A number with a decimal comma: &quot;0,5&quot;, &quot;-1,25e3&quot;. A quoted field of a CSV line, doubled quotes included. A line&apos;s text, ended as ``str.splitlines`` ends lines (found without splitting them all). Bytes looked at to tell GBK from Windows-1252 in a file that is not UTF-8. Signs besides letters that Western spreadsheets write in Windows-1252. The csv-module reader, which reads a file with a problem to name it, holds the whole text and its cells: about 17× the file at peak (pandas&apos; reader needs a few times the file). The largest feature value: its square, summed over a million rows, still fits a float. How many short classes an error message lists before summarising the rest.</extracomment>
        <translation>第 {line} 行有 {cells} 个单元格，而表头有 {columns} 个</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>{problems} and {count} more</source>
        <extracomment>Each kind, in the order a dialog lists them; &quot;text&quot; is free text or an identifier. The roles a column other than the label can be given (``TrainConfig.csv_roles``): a feature read as numbers, a feature read as categories, or left out. A text column with more distinct values than this is free text, not categories. A column whose non-missing cells are at least this share numbers is numeric, and its other cells are typing errors to name rather than categories. Rows kept for a preview. Problems a refusal lists before summarising the rest. The words of a column name: &quot;PassengerId&quot; → passenger, id; &quot;user_id&quot; → user, id.</extracomment>
        <translation>{problems}，另有 {count} 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} problems: {problems}</source>
        <translation>{count} 个问题：{problems}</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>a role is given to {column!r}, which the table does not have</source>
        <translation>为列 {column!r} 指定了角色，但表中没有这一列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column {column!r}: the role {role!r} is not one of {roles}</source>
        <translation>列 {column!r}：角色 {role!r} 不是 {roles} 之一</translation>
    </message>
    <message>
        <location line="+26"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+6"/>
        <location line="+346"/>
        <location line="+7"/>
        <source>{where}: missing value</source>
        <translation>{where}：缺失值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no feature columns: every column besides the label is left out (free text, identifiers, dates and constant columns are left out unless given a role)</source>
        <translation>没有特征列：标签以外的每一列都被排除（自由文本、标识符、日期和常数列默认被排除，除非为其指定角色）</translation>
    </message>
    <message>
        <location line="+42"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="-301"/>
        <source>{where}: {value:g} is too large to compute with (at most {limit:g}); rescale the column</source>
        <translation>{where}：{value:g} 太大，无法计算（最多 {limit:g}）；请缩放该列</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+40"/>
        <source>{name} is larger than {limit} MB, more than the trainer reads</source>
        <extracomment>Lines read between two progress reports (and stop checks).</extracomment>
        <translation>{name} 大于 {limit} MB，超出训练器可读取的大小</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} needs about {needed:.1f} GB of memory to read and {available:.1f} GB are free</source>
        <translation>读取 {name} 约需 {needed:.1f} GB 内存，而可用内存只有 {available:.1f} GB</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>file not found: {path}</source>
        <translation>找不到文件：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <location filename="../../ce_desktop/core/experiment.py" line="+65"/>
        <location filename="../../ce_desktop/core/training/models.py" line="+170"/>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>{name} is a binary file, not CSV text (it contains NUL bytes)</source>
        <translation>{name} 是二进制文件，不是 CSV 文本（其中含有 NUL 字节）</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>{name} is empty</source>
        <translation>{name} 是空文件</translation>
    </message>
    <message>
        <location line="-13"/>
        <location filename="../../ce_desktop/core/data/fast_read.py" line="+487"/>
        <source>reading {name} was stopped</source>
        <translation>已停止读取 {name}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>line {line}: {reason}</source>
        <translation>第 {line} 行：{reason}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/columns.py" line="-37"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="-15"/>
        <location filename="../../ce_desktop/core/data/fast_read.py" line="-151"/>
        <source>{name} has a header but no data rows</source>
        <translation>{name} 只有表头，没有数据行</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+44"/>
        <source>{name} is not valid {encoding} text (at byte {offset}); save the file as CSV UTF-8</source>
        <translation>{name} 不是有效的 {encoding} 文本（第 {offset} 字节处）；请把文件另存为 CSV UTF-8</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name} is not UTF-8, GBK or Windows-1252 text: line {line} has the byte 0x{byte:02x}; save the file as CSV UTF-8</source>
        <translation>{name} 不是 UTF-8、GBK 或 Windows-1252 文本：第 {line} 行有字节 0x{byte:02x}；请把文件另存为 CSV UTF-8</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>line {line}: the header has only one column ({column!r}); a CSV needs feature columns and a class column separated by commas (or semicolons or tabs)</source>
        <translation>第 {line} 行：表头只有一列（{column!r}）；CSV 需要用逗号（或分号、制表符）分隔的特征列和类别列</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>line {line}: column {index} of the header has no name</source>
        <translation>第 {line} 行：表头的第 {index} 列没有名称</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>line {line}: the header names column {column!r} twice</source>
        <translation>第 {line} 行：表头中列名 {column!r} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/columns.py" line="+23"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+26"/>
        <source>{where}: {cell!r} is not a number</source>
        <translation>{where}：{cell!r} 不是数字</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+5"/>
        <source>{where}: {cell!r} is an infinite value</source>
        <translation>{where}：{cell!r} 是无穷大</translation>
    </message>
    <message>
        <location line="-111"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+7"/>
        <source>line {line}, column {column!r}</source>
        <extracomment>Column names that usually hold the label, as data sets name it (compared case-blind); the import dialog proposes the first such column, else the last one. The cells as floats (NaN where missing or not a number) and the indices of the cells that are neither a number nor missing.</extracomment>
        <translation>第 {line} 行，列 {column!r}</translation>
    </message>
    <message>
        <location line="+139"/>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+24"/>
        <source>column {column!r} has only one class ({name!r}); a classifier needs at least two</source>
        <translation>列 {column!r} 只有一个类别（{name!r}）；分类器至少需要两个</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/csv_table.py" line="+35"/>
        <source>class {name!r} has 1 row</source>
        <translation>类别 {name!r} 只有 1 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class {name!r} has {count} rows</source>
        <translation>类别 {name!r} 有 {count} 行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{classes} and {count} more classes are short</source>
        <translation>{classes}，另有 {count} 个类别行数不足</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>too few rows: every class needs at least {needed} so that train, validation and test each get one (val_fraction {val}, test_fraction {test}); {short}</source>
        <translation>行数太少：每个类别至少需要 {needed} 行，才能让训练、验证和测试集各分到一行（val_fraction {val}，test_fraction {test}）；{short}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/entropy/explorer.py" line="+52"/>
        <source>entropy.{key} must be one of {choices}</source>
        <extracomment>Where the explorer&apos;s q comes from: typed directly, a softmax of logits, or smoothed p. The range of the softmax temperature T and of the label smoothing ε, ends included.</extracomment>
        <translation>entropy.{key} 必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the entropy section must be a JSON object</source>
        <translation>entropy 部分必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>entropy.{key} must be a list of probabilities</source>
        <translation>entropy.{key} 必须是一个概率列表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>entropy.{key}: {reason}</source>
        <translation>entropy.{key}：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>entropy.p has {p} classes but entropy.q has {q}</source>
        <translation>entropy.p 有 {p} 个类别，而 entropy.q 有 {q} 个</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>the explorer shows {low} to {high} classes; entropy.p has {k}</source>
        <translation>熵探索器显示 {low} 到 {high} 个类别；entropy.p 有 {k} 个</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>entropy.logits must be one finite number per class</source>
        <translation>entropy.logits 必须为每个类别给出一个有限的数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>entropy.{key} must be a number from {low} to {high}</source>
        <translation>entropy.{key} 必须是 {low} 到 {high} 之间的数</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/experiment.py" line="-3"/>
        <location filename="../../ce_desktop/core/training/models.py" line="-2"/>
        <source>{path} does not exist</source>
        <extracomment>An experiment file is a few kilobytes; anything this large is not one.</extracomment>
        <translation>{path} 不存在</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is not valid JSON: {reason}</source>
        <translation>{name} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is nested too deeply to be an experiment</source>
        <translation>{name} 嵌套过深，不是实验文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is not a ce-desktop experiment file</source>
        <translation>{name} 不是 ce-desktop 的实验文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the trainer section must be a JSON object</source>
        <translation>trainer 部分必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>trainer: {reason}</source>
        <translation>trainer：{reason}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/landscape/grid.py" line="+437"/>
        <source>a PCA plane needs at least three points of the training path (the initial weights and two epochs); got {count}</source>
        <extracomment>Elementwise layers that act the same on a batch of models as on one. Activations one chunk of grid points may hold (bytes): small enough to stay in cache. On the tutorial model&apos;s 51 × 51 grid: 1 MB 0.29 s, 2 MB 0.23 s, 3 MB 0.21 s, 4 MB 0.28 s, 6 MB 0.77 s, 24 MB about 0.9 s (medians of 4, one session). In-place versions of elementwise layers: fresh large buffers cost page faults.</extracomment>
        <translation>PCA 平面至少需要训练路径上的三个点（初始权重和两个轮次）；现在只有 {count} 个</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the training path is a straight line: there is no plane to show</source>
        <translation>训练路径是一条直线：没有可以展示的平面</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/landscape/job.py" line="+50"/>
        <source>unknown plane {plane!r}; choose {choices}</source>
        <extracomment>Interpolation runs a little beyond both ends to show the walls around them. Grid updates within a level are sent at most this often; finished levels always. Each one is a repaint in the window (~200 chunks per 51 × 51 grid). Rebuilt runs kept for the next computation in the process that computes (each holds its data set).</extracomment>
        <translation>未知的平面 {plane!r}；请选择 {choices}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown data split {split!r}; choose {choices}</source>
        <translation>未知的数据划分 {split!r}；请选择 {choices}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>grid size must be a whole number from 3 to 201, got {size!r}</source>
        <translation>网格大小必须是 3 到 201 之间的整数，当前为 {size!r}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the range must be a positive number, got {span!r}</source>
        <translation>范围必须是正数，当前为 {span!r}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{run} has no stored weights: train at least one epoch first</source>
        <translation>{run} 没有保存的权重：请先训练至少一个轮次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{run} stores weights that are not finite numbers (the run diverged): there is no landscape to draw around them</source>
        <translation>{run} 保存的权重不是有限的数（训练发散了）：无法在其周围绘制损失地形</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{run} stores {stored} weights per epoch but its configuration builds a network with {built}</source>
        <translation>{run} 每个轮次保存了 {stored} 个权重，但按其配置构建的网络有 {built} 个</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/messages.py" line="+66"/>
        <source>, </source>
        <extracomment>The translation context of every core message. Between the items of a Listing; a translation may use another separator.</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/models.py" line="-118"/>
        <source>{name} is not a ce-desktop model file</source>
        <extracomment>Loss name → what the network&apos;s last layer outputs. A model file holds the weights of one MLP: far less than this, even for a wide table.</extracomment>
        <translation>{name} 不是 ce-desktop 的模型文件</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/config.py" line="+18"/>
        <source>{loss} needs two classes, the data has {classes}; use &apos;ce&apos;</source>
        <translation>{loss} 需要两个类别，而数据有 {classes} 个；请使用 &apos;ce&apos;</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/models.py" line="+88"/>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its folder does not exist</source>
        <translation>它所在的文件夹不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its folder is not writable</source>
        <translation>它所在的文件夹不可写</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot save a model to {path}: {reason}</source>
        <translation>无法把模型保存到 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{name} is larger than {limit} MB: not a model this app saved</source>
        <translation>{name} 大于 {limit} MB：不是本应用保存的模型</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} holds Python objects other than weights (code could run on loading), so it is refused for safety; only files saved by ce-desktop load</source>
        <translation>{name} 含有权重以外的 Python 对象（加载时可能执行代码），出于安全考虑已拒绝加载；只能加载 ce-desktop 保存的文件</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} is damaged or incomplete (perhaps cut short while copying): its archive has no end</source>
        <translation>{name} 已损坏或不完整（可能在复制时被截断）：其归档没有结尾</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} is not a ce-desktop model file ({reason})</source>
        <translation>{name} 不是 ce-desktop 的模型文件（{reason}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is not a ce-desktop model file, or it holds code rather than weights, which is refused for safety ({reason})</source>
        <translation>{name} 不是 ce-desktop 的模型文件，或者其中含有代码而非权重，出于安全考虑已拒绝加载（{reason}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+7"/>
        <source>{name} has no readable configuration</source>
        <translation>{name} 没有可读取的配置</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{name} holds no weights</source>
        <translation>{name} 不含权重</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{name} has an unreadable preprocessing of its columns ({reason})</source>
        <translation>{name} 中各列的预处理无法读取（{reason}）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} holds something other than dense real weights ({key})</source>
        <translation>{name} 含有稠密实数权重以外的内容（{key}）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} holds weights that are not stored in full ({key})</source>
        <translation>{name} 含有未完整存储的权重（{key}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} holds more than {limit:,} weights: not a model this app saved</source>
        <translation>{name} 含有超过 {limit:,} 个权重：不是本应用保存的模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} holds weights that are not finite numbers ({key})</source>
        <translation>{name} 含有非有限数值的权重（{key}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{name} was saved for a different architecture ({detail})</source>
        <translation>{name} 是为另一种网络结构保存的（{detail}）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name} does not describe a model this app can build ({reason})</source>
        <translation>{name} 描述的不是本应用能构建的模型（{reason}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name}: its preprocessing makes {made} features and the model takes {inputs}</source>
        <translation>{name}：其预处理产生 {made} 个特征，而模型接受 {inputs} 个</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/runs/store.py" line="+71"/>
        <source>cannot open run store {path}: {reason}</source>
        <translation>无法打开训练记录库 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>{path} is not a ce-desktop run store ({reason})</source>
        <translation>{path} 不是 ce-desktop 的训练记录库（{reason}）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{path} is damaged ({reason})</source>
        <translation>{path} 已损坏（{reason}）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{path} was written by a newer ce-desktop (run store schema version {version}; this version reads up to {supported})</source>
        <translation>{path} 由更新版本的 ce-desktop 写入（训练记录库格式版本 {version}；本版本最高只能读取 {supported}）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{path} is not a ce-desktop run store (a SQLite database with other tables)</source>
        <translation>{path} 不是 ce-desktop 的训练记录库（是含有其他表的 SQLite 数据库）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>run store {path} is closed</source>
        <translation>训练记录库 {path} 已关闭</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>could not write to the run store {path}: {reason}</source>
        <translation>无法写入运行记录库 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>a run name is at most {n} characters</source>
        <translation>运行名称最多 {n} 个字符</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>run {run} stores parameter vectors of different lengths {sizes}</source>
        <translation>训练记录 {run} 保存的参数向量长度不一致：{sizes}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/trainer.py" line="+201"/>
        <source>the batch size ({batch}) is larger than the {rows} training rows of {name}; choose at most {rows}</source>
        <extracomment>A small MLP gains nothing from more intra-op threads and loses badly when they compete with the GUI thread or another process for two cores (benchmarks/trainer.py measures it).</extracomment>
        <translation>批大小（{batch}）大于 {name} 的 {rows} 行训练数据；最多只能选 {rows}</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Stopped by the user during epoch {epoch}; the {kept} completed epoch(s) are kept.</source>
        <translation>已在第 {epoch} 轮时由用户停止；已完成的 {kept} 轮已保留。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Trained all {epochs} epochs and kept epoch {best}&apos;s weights, the best validation loss ({loss:.4g}); the {after} epoch(s) after it did not improve on it.</source>
        <translation>已训练全部 {epochs} 轮，保留第 {best} 轮的权重，其验证损失最低（{loss:.4g}）；之后的 {after} 轮没有再降低它。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Stopped early after epoch {epoch}: the validation loss had not improved for {patience} epoch(s). The weights of epoch {best} (validation loss {loss:.4g}) are restored.</source>
        <translation>在第 {epoch} 轮后提前停止：验证损失已连续 {patience} 轮没有改善。已恢复第 {best} 轮的权重（验证损失 {loss:.4g}）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped early after epoch {epoch}: the validation loss had not improved for {patience} epoch(s) (best: epoch {best}).</source>
        <translation>在第 {epoch} 轮后提前停止：验证损失已连续 {patience} 轮没有改善（最佳：第 {best} 轮）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>epoch {epoch}, batch {batch}</source>
        <translation>第 {epoch} 轮第 {batch} 批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the end of epoch {epoch}</source>
        <translation>第 {epoch} 轮结束时</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/verdict.py" line="+131"/>
        <source>Training diverged: the loss became {value} at {where}. The learning rate ({lr:g}) is probably too high for the {optimizer} optimiser. The {kept} completed epoch(s) are kept.</source>
        <extracomment>How the trainer says it stopped a run whose loss stopped being a finite number.</extracomment>
        <translation>训练发散了：损失在{where}变成了 {value}。学习率（{lr:g}）对 {optimizer} 优化器来说可能太高。已完成的 {kept} 个轮次已保留。</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/info.py" line="+74"/>
        <source>{name} must contain numbers only</source>
        <extracomment>How far a row of probabilities may sum away from 1 and still count as a distribution.</extracomment>
        <translation>{name} 只能包含数字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} must be an array of values, got the single number {value!r}</source>
        <translation>{name} 必须是一组数值，而不是单个数 {value!r}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} is an empty array</source>
        <translation>{name} 是空数组</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} contains NaN or infinity at index {index}</source>
        <translation>{name} 在索引 {index} 处含有 NaN 或无穷大</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} has a negative entry {value:g} at index {index}</source>
        <translation>{name} 在索引 {index} 处有负值 {value:g}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} sums to {total:.9g}, not 1</source>
        <translation>{name} 的和是 {total:.9g}，而不是 1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} row {row} sums to {total:.9g}, not 1</source>
        <translation>{name} 第 {row} 行的和是 {total:.9g}，而不是 1</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/run.py" line="+198"/>
        <source>Stopped while PyTorch was loading; nothing was trained.</source>
        <translation>在加载 PyTorch 时已停止；没有进行任何训练。</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Stopped while reading the data; nothing was trained.</source>
        <extracomment>Progress is reported at most this often; one event per batch would flood the receiver.</extracomment>
        <translation>在读取数据时已停止；没有进行任何训练。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Stopped by ending the training process, which did not stop in time; the {kept} completed epoch(s) are kept.</source>
        <translation>训练进程未能及时停止，已将其结束；已完成的 {kept} 轮已保留。</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/backend/process.py" line="+104"/>
        <source>The worker process did not start within {seconds:.0f} s.</source>
        <extracomment>How often the parent looks at the pipe, the job&apos;s control and the child&apos;s health. Waiting for a new process to import torch and scikit-learn (seconds); cold disks are slow. The name of every worker process (multiprocessing&apos;s, not the operating system&apos;s).</extracomment>
        <translation>工作进程未能在 {seconds:.0f} 秒内启动。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The worker process ended unexpectedly (exit code {code}); what it had finished is kept. Start again to use a new process.</source>
        <translation>工作进程意外结束（退出代码 {code}）；已完成的部分已保留。再次开始即可使用新的进程。</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/model_files.py" line="+97"/>
        <source>the model takes {inputs} features and {data} has {features}</source>
        <translation>模型需要 {inputs} 个特征，而 {data} 有 {features} 个</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>stopped while reading the data</source>
        <translation>读取数据时被停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the model&apos;s output does not fit the classes of {data}</source>
        <translation>模型的输出与 {data} 的类别不符</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not save the model: {reason}</source>
        <translation>无法保存模型：{reason}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/ui/common/language.py" line="+51"/>
        <source>internal error (please report it; the details are in the log): {0}</source>
        <extracomment>Language codes offered, with their names as written in that language. Where the choice is remembered (the same settings file as ui/common/session.py). Other spellings accepted on the command line. How a job&apos;s internal error (a bug, not the user&apos;s input) is shown; its traceback is in the log.</extracomment>
        <translation>内部错误（请报告此问题；详细信息见日志）：{0}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/verdict.py" line="-62"/>
        <source>Diverged: the validation loss ended at {loss:.3g} nats, {times:.0f}× the no-information baseline of {baseline:.3f}. Lower the learning rate.</source>
        <extracomment>The kinds said while a run is still going: the others describe where a run ended. A final validation loss this many times the baseline has diverged (it is far worse than answering the class frequencies). Validation loss rising for this many epochs in a row while the training loss falls. Not converged: the validation loss fell by more than this share over the last epochs, or it fell steadily: lower at each of them, not levelling off, and by more than STEADY_SHARE of the baseline in all (the spiral at the tutorial&apos;s settings: 1.2 %). No better than the baseline: within this share of it. Test and validation losses this far apart (relative to the larger, and in nats).</extracomment>
        <translation>发散：验证损失最终为 {loss:.3g} 奈特，是无信息基线 {baseline:.3f} 的 {times:.0f} 倍。请降低学习率。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Overfitting: the validation loss has risen for {epochs} epochs while the training loss fell; it was lowest, {best_loss:.4f} nats, at epoch {best}. Stop there: turn on early stopping, or add weight decay or label smoothing.</source>
        <translation>过拟合：训练损失下降的同时，验证损失已连续上升 {epochs} 轮；它在第 {best} 轮最低，为 {best_loss:.4f} nats。应在那里停止：打开早停，或加入权重衰减或标签平滑。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No better than the baseline: a validation loss of {loss:.4f} nats against {baseline:.4f} for answering the class frequencies. The model learned nothing from the features: train longer, raise the learning rate or check the data.</source>
        <translation>不比基线好：验证损失为 {loss:.4f} 奈特，而只按类别频率作答为 {baseline:.4f}。模型没有从特征中学到任何东西：请训练更久、提高学习率或检查数据。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not converged: the validation loss fell {drop:.1%} over the last {epochs} epochs and is still falling — train longer or raise the learning rate.</source>
        <translation>未收敛：验证损失在最近 {epochs} 轮中下降了 {drop:.1%}，且仍在下降 — 请训练更久或提高学习率。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The test loss ({test:.4f} nats) is far from the validation loss ({val:.4f}): the held-out sets are small or differ; trust neither figure alone.</source>
        <translation>测试损失（{test:.4f} 奈特）与验证损失（{val:.4f}）相差很大：留出的数据集较小或彼此不同；不要单独相信其中任何一个数字。</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/bounded_reads.py" line="+21"/>
        <source>not a regular file (a folder, device or pipe)</source>
        <translation>不是普通文件（而是文件夹、设备或管道）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>larger than {limit} MB, too large for what it should hold</source>
        <translation>大于 {limit} MB，对它应含的内容来说太大了</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/runs/recorder.py" line="+75"/>
        <source>The run is not saved beyond epoch {epoch}: {reason}</source>
        <translation>本次运行第 {epoch} 轮之后的内容未能保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/lesson/steps.py" line="+77"/>
        <source>cannot read the lesson {path}: {reason}</source>
        <extracomment>The steps the app ships, beside this module (and inside a frozen build). The translation context of every text of a steps file. The text fields every step has, in the order the lesson pane shows them. The most a steps file may be: a lesson, not a book.</extracomment>
        <translation>无法读取课程 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the lesson {path} is larger than {limit} bytes</source>
        <translation>课程 {path} 大于 {limit} 字节</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the lesson {path} is not UTF-8 text</source>
        <translation>课程 {path} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the lesson is not valid JSON: {reason}</source>
        <translation>课程不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the lesson must be a JSON object with a non-empty list &quot;steps&quot;</source>
        <translation>课程必须是一个带有非空列表 &quot;steps&quot; 的 JSON 对象</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lesson step {number}: the id {id!r} is used by an earlier step</source>
        <translation>课程第 {number} 步：id {id!r} 已被前面的步骤使用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>lesson step {number} is not an object</source>
        <translation>课程第 {number} 步不是一个对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lesson step {number}: the field &quot;id&quot; is missing or empty</source>
        <translation>课程第 {number} 步：字段 &quot;id&quot; 缺失或为空</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lesson step {step}: unknown field(s) {fields}</source>
        <translation>课程第 {step} 步：未知字段 {fields}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>lesson step {step}: the field &quot;{field}&quot; is missing or not a text</source>
        <translation>课程第 {step} 步：字段 &quot;{field}&quot; 缺失或不是文本</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>lesson step {step}: the field &quot;pane&quot; must be one of {sides}</source>
        <translation>课程第 {step} 步：字段 &quot;pane&quot; 必须是以下之一：{sides}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>lesson step {step}: the field &quot;{field}&quot; must be an object with a &quot;name&quot;</source>
        <translation>课程第 {step} 步：字段 &quot;{field}&quot; 必须是带有 &quot;name&quot; 的对象</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>lesson step {step}: unknown action {name!r}; known actions: {known}</source>
        <translation>课程第 {step} 步：未知的动作 {name!r}；已知的动作：{known}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lesson step {step}: unknown predicate {name!r}; known predicates: {known}</source>
        <translation>课程第 {step} 步：未知的状态条件 {name!r}；已知的条件：{known}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lesson step {step}: &quot;{field}&quot; holds only &quot;name&quot; and an object &quot;args&quot;</source>
        <translation>课程第 {step} 步：&quot;{field}&quot; 只能包含 &quot;name&quot; 和对象 &quot;args&quot;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>lesson step {step}: {name} takes no argument {key!r}; it takes: {known}</source>
        <translation>课程第 {step} 步：{name} 没有参数 {key!r}；它的参数是：{known}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lesson step {step}: {name}&apos;s argument {key!r} must be {kind}</source>
        <translation>课程第 {step} 步：{name} 的参数 {key!r} 必须是 {kind}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>lesson step {step}: {name} needs the argument(s) {keys}</source>
        <translation>课程第 {step} 步：{name} 需要参数 {keys}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>lesson step {step}: the explorer cannot show this action: {reason}</source>
        <translation>课程第 {step} 步：熵探索器无法显示这个动作：{reason}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/datasets.py" line="+35"/>
        <source>the tutorial&apos;s data: 10,000 rows, 20 features, two classes</source>
        <extracomment>scikit-learn&apos;s real data sets, bundled with it (no download): name → its loader&apos;s name. One line on each data set (translated by the interface) and its source.</extracomment>
        <translation>教程的数据：10,000 行，20 个特征，两类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>two interleaving half circles, 2-D</source>
        <translation>两个交错的半圆，二维</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a circle inside a circle, 2-D</source>
        <translation>圆中套圆，二维</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>four quadrants, opposite ones alike, 2-D</source>
        <translation>四个象限，相对的象限同类，二维</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two interleaved spiral arms, 2-D</source>
        <translation>两条交错的螺旋臂，二维</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3 to 5 Gaussian clusters, 2-D</source>
        <translation>3 到 5 个高斯簇，二维</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1797 handwritten digits as 8×8 images, ten classes</source>
        <translation>1797 个手写数字，8×8 图像，十类</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>569 breast tumours, 30 measurements of cell nuclei, malignant or benign</source>
        <translation>569 个乳腺肿瘤，细胞核的 30 项测量，恶性或良性</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>150 iris flowers, 4 measurements of sepals and petals, three species</source>
        <translation>150 朵鸢尾花，萼片和花瓣的 4 项测量，三个品种</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>178 Italian wines, 13 chemical measurements, three cultivars</source>
        <translation>178 种意大利葡萄酒，13 项化学测量，三个品种</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/predictions.py" line="-7"/>
        <source>{name} was not trained on a table of your own, so it cannot predict one</source>
        <translation>{name} 不是用你自己的表格训练的，因此无法对表格进行预测</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>the predictions would overwrite the table they are made from, {name}; choose another file</source>
        <translation>预测会覆盖其来源表格 {name}；请选择另一个文件</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/own_table.py" line="+63"/>
        <source>column {column!r} has classes the model does not know: {classes}</source>
        <translation>列 {column!r} 含有模型不认识的类别：{classes}</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>{name} lacks the column(s) the model needs: {columns}</source>
        <translation>{name} 缺少模型所需的列：{columns}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/treatment.py" line="+104"/>
        <source>standardised</source>
        <translation>标准化</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>label: {classes}</source>
        <extracomment>Why a column is left out, as the treatment names it.</extracomment>
        <translation>标签：{classes}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>standardised; {gaps} filled with the median + a missing-indicator column</source>
        <translation>标准化；{gaps}用中位数填补，并加一列缺失指示</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>one-hot, 1 column for {rare} (grouped)</source>
        <translation>独热编码，1 列合并 {rare}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>one-hot, {levels} + 1 column for {rare} (grouped)</source>
        <translation>独热编码，{levels}，另加 1 列合并 {rare}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one-hot, {levels}</source>
        <translation>独热编码，{levels}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{treatment}; {gaps} filled with the most frequent level</source>
        <translation>{treatment}；{gaps}用最常见的取值填补</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ignored: constant (one value)</source>
        <translation>忽略：常量（只有一个值）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ignored: date</source>
        <translation>忽略：日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ignored: identifier (each value once)</source>
        <translation>忽略：标识符（每个值只出现一次）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ignored: free text ({distinct} distinct values)</source>
        <translation>忽略：自由文本（{distinct} 个不同的值）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ignored (your choice)</source>
        <translation>忽略（您的选择）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>make it numeric or ignore it</source>
        <translation>请把它设为数值或忽略它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ignore it</source>
        <translation>请忽略它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column {name!r} has a different value in each of its {rows} rows (an identifier or a measured number): as categories it teaches the model nothing; {advice}</source>
        <translation>列 {name!r} 的 {rows} 行中每行的值都不同（是标识符或测量得到的数）：作为类别它对模型毫无帮助；{advice}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>column {name!r}: each of its {rows} rows has a rare level, all grouped into one column: as categories it teaches the model nothing; {advice}</source>
        <translation>列 {name!r}：{rows} 行全都是稀有取值，全部被合并为一列：作为类别它对模型毫无帮助；{advice}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>column {name!r}: {rare} of its {rows} rows have a rare level, grouped into one column: as categories it teaches the model little; {advice}</source>
        <translation>列 {name!r}：{rows} 行中有 {rare} 行是稀有取值，被合并为一列：作为类别它对模型帮助很小；{advice}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>1 level</source>
        <translation>1 个取值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} levels</source>
        <translation>{n} 个取值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 rare level</source>
        <translation>1 个稀有取值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} rare levels</source>
        <translation>{n} 个稀有取值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 gap</source>
        <translation>1 个空缺</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} gaps</source>
        <translation>{n} 个空缺</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 class</source>
        <translation>1 个类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/apply_job.py" line="+132"/>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/training/pinned.py" line="+178"/>
        <source>Up to {limit} samples can be pinned; unpin one to pin test sample {index}.</source>
        <extracomment>The most a run&apos;s history may take: its test samples × its epochs × two float32 values. A digits run of 20 epochs takes 57 kB; a table of 100,000 test rows fits 83 epochs. Split settings a config may carry (the import dialog&apos;s own tables); absent ones are left out.</extracomment>
        <translation>最多可固定 {limit} 个样本；请先取消固定一个，再固定测试样本 {index}。</translation>
    </message>
    <message>
        <location filename="../../ce_desktop/core/data/fast_read.py" line="-112"/>
        <source>cannot read {name} as an Excel workbook: {reason}</source>
        <extracomment>A line of CSV text with its ending (the csv module&apos;s own line endings). Bytes a blank line may hold besides separators (what ``str.strip`` removes, in ASCII). Every spelling of the missing-value tokens (&quot;NA&quot;, &quot;Na&quot;, &quot;nA&quot;, &quot;na&quot;, …).</extracomment>
        <translation>无法将 {name} 作为 Excel 工作簿读取：{reason}</translation>
    </message>
</context>
<context>
    <name>file_dialogs</name>
    <message>
        <location filename="../../ce_desktop/ui/common/file_dialogs.py" line="+38"/>
        <source>Tables (*.csv *.tsv *.txt *.xlsx)</source>
        <translation>表格 (*.csv *.tsv *.txt *.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>plot_export</name>
    <message>
        <location filename="../../ce_desktop/ui/common/plot_export.py" line="+31"/>
        <source>PNG image (*.png)</source>
        <extracomment>File-dialog filters, in the order offered (shown through translate(&quot;plot_export&quot;, …)).</extracomment>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG vector image (*.svg)</source>
        <translation>SVG 矢量图像 (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV data (*.csv)</source>
        <translation>CSV 数据 (*.csv)</translation>
    </message>
</context>
</TS>
