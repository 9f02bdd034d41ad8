// What the user points at, shared by every view of a window so that a pick in one view
// shows everywhere: a query position (an alignment column: the same index in the grid, the
// row-attention maps without <cls>, the contact map and the structure), a pair of
// positions, and the attention layer/head.
//
// Views do not know each other: each one reports a pick here (select*) and follows the
// signals (position / pair: grid column, crosshairs on the heatmaps, structure residues;
// head: explorer, overview frame, heads maps). Setting the state that is already there
// emits nothing, so a view may call back from its own handler without loops.
// Wiring for the workbench's views: mainwindow/selection_links.cpp; a new view (e.g. a 3D
// structure) connects to the same signals and calls the same slots.
#pragma once

#include <QObject>
#include <utility>
#include <vector>

namespace axs::ui {

class SelectionModel : public QObject {
    Q_OBJECT
public:
    explicit SelectionModel(QObject* parent = nullptr) : QObject(parent) {}

    /// The focused query position (0-based alignment column), or -1.
    int position() const { return position_; }
    /// The selected pair (0-based, i < j), or {-1, -1}.
    std::pair<int, int> pair() const { return pair_; }
    bool hasPair() const { return pair_.first >= 0; }
    /// The positions to highlight: the pair's two, else the focused one, else none.
    std::vector<int> residues() const;
    int layer() const { return layer_; }  ///< 0-based, -1 = none
    int head() const { return head_; }    ///< 0-based, -1 = none

public slots:
    /// Focuses one position (clears the pair); -1 clears it.
    void selectPosition(int position);
    /// Selects a pair (order does not matter; i == j focuses that position); focuses i.
    void selectPair(int i, int j);
    /// Selects an attention head (0-based).
    void selectHead(int layer, int head);
    /// Clears position and pair (the head stays: some head is always shown).
    void clearResidues();

signals:
    /// The focused position changed (-1: none).
    void positionChanged(int position);
    /// The pair changed ({-1, -1}: none).
    void pairChanged(int i, int j);
    void headChanged(int layer, int head);

private:
    int position_ = -1;
    std::pair<int, int> pair_{-1, -1};
    int layer_ = -1, head_ = -1;
};

}  // namespace axs::ui
