"""Help → Cross-entropy primer: the formulas, what they mean, and how to train with them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget, QTextBrowser, QWidget

#: The translation context; the calls below spell it out because lupdate reads literals.
CONTEXT = "Primer"


def primer_html() -> str:
    """The primer as HTML, in the interface language."""
    sections = [
        QCoreApplication.translate("Primer", "<h2>Cross-entropy primer</h2>"
            "<p>Everything below can be tried in the app: the entropy explorer computes each "
            "quantity, the loss-surface viewer shows why classifiers train on "
            "cross-entropy, and the trainer trains with it.</p>"),
        QCoreApplication.translate("Primer", "<h3>Entropy</h3>"
            "<p><b>H(p) = −Σ<sub>i</sub> p<sub>i</sub> log p<sub>i</sub></b>: the average "
            "surprise of outcomes drawn from p, or the fewest bits per outcome any code "
            "needs. With log<sub>2</sub> it is in bits, with ln in nats "
            "(1 nat = 1.443 bits).</p>"
            "<p>A fair coin has <b>H = 1 bit</b>, the most a two-sided coin can have; a "
            "coin that always lands heads has H = 0. K equally likely classes have "
            "H = log K.</p>"),
        QCoreApplication.translate("Primer", "<h3>Cross-entropy</h3>"
            "<p><b>H(p, q) = −Σ<sub>i</sub> p<sub>i</sub> log q<sub>i</sub></b>: the "
            "average cost of encoding outcomes of p with a code built for q. A classifier "
            "minimises it with p the label and q its predicted probabilities.</p>"
            "<p>It is never below H(p), and it has <b>no upper bound</b>: a confident wrong "
            "prediction (q<sub>i</sub> → 0 where p<sub>i</sub> &gt; 0) costs without "
            "limit.</p>"),
        QCoreApplication.translate("Primer", "<h3>KL divergence</h3>"
            "<p><b>KL(p‖q) = Σ<sub>i</sub> p<sub>i</sub> log(p<sub>i</sub>/q<sub>i</sub>) "
            "≥ 0</b>: the extra cost of using q in place of p. It is 0 only when q = p, and "
            "it is not symmetric: KL(p‖q) ≠ KL(q‖p) in general.</p>"
            "<p><b>H(p, q) = H(p) + KL(p‖q)</b>. With the labels p fixed, H(p) is a "
            "constant, so minimising cross-entropy and minimising KL divergence move the "
            "model the same way; they differ by the labels' own entropy (0 for one-hot "
            "labels).</p>"),
        QCoreApplication.translate("Primer", "<h3>Binary and categorical cross-entropy</h3>"
            "<p><b>Binary cross-entropy</b> for a label y ∈ {0, 1} and a predicted "
            "probability p: −[y log p + (1 − y) log(1 − p)], averaged over the samples. "
            "<b>Categorical cross-entropy</b> for K classes: −log q<sub>y</sub>, the "
            "negative log-probability of the true class, averaged.</p>"
            "<p>Through a sigmoid or softmax the gradient with respect to the logits is "
            "simply q − y: it stays large when the model is confidently wrong. Squared "
            "error through a sigmoid has 2(p − y)·p(1 − p), which vanishes there (see "
            "<i>Loss surfaces → Per-sample losses</i>).</p>"),
        QCoreApplication.translate("Primer", "<h3>Best practices</h3><ul>"
            "<li><b>Train on logits with the fused loss</b>: BCEWithLogitsLoss or "
            "CrossEntropyLoss in PyTorch, from_logits=True in Keras. A separate sigmoid "
            "followed by BCELoss saturates to 0 or 1 and has to clip (the trainer's "
            "<code>bce_logits</code> loss).</li>"
            "<li><b>Label smoothing</b> ε replaces a one-hot target by (1 − ε)·y + ε/K: the "
            "loss then has a finite minimum and the model stops pushing its logits to "
            "infinity.</li>"
            "<li><b>Class weights</b> (pos_weight) make the rare class count more when the "
            "classes are unbalanced.</li>"
            "<li><b>Calibration</b>: a low loss does not guarantee that a predicted 0.8 is "
            "right 80 % of the time; check the reliability diagram in the trainer's test "
            "results.</li>"
            "<li>Compare a run's loss with the <b>no-information baseline</b>, the entropy "
            "of the class frequencies (ln 2 ≈ 0.693 nats for balanced binary data).</li>"
            "</ul>"),
        QCoreApplication.translate("Primer", "<h3>Two corrections to the tutorial</h3><ol>"
            "<li>It says a fair coin's two faces give an entropy of 0, “almost no "
            "uncertainty”. A fair coin has the <b>largest</b> entropy a coin can have, "
            "<b>1 bit</b>; 0 belongs to a coin that always shows the same face.</li>"
            "<li>It says a cross-entropy near 0 marks a good model and one near 1 a poor "
            "one. Cross-entropy is <b>not bounded by 1</b>: a model that ignores its "
            "inputs scores ln 2 ≈ 0.693 nats on balanced binary data, and confident "
            "mistakes drive the loss as high as they like. Judge a loss against that "
            "baseline, not against 1.</li>"
            "</ol>"),
    ]
    return "".join(sections)


class PrimerDock(QDockWidget):
    """A dock beside the tabs holding the primer; hidden until Help asks for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("Primer", "Cross-entropy primer"), parent)
        self.setObjectName("primer")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(primer_html())
        self.setWidget(self.browser)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.setMinimumWidth(380)
