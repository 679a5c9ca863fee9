package market.order.wire;

import market.order.command.BuyData;
import market.order.command.CancelDeal;
import market.order.command.CancelOrder;
import market.order.command.CloseMarket;
import market.order.command.CompleteDeal;
import market.order.command.OpenMarket;
import market.order.command.PublishOrder;
import market.order.event.DealCancelled;
import market.order.event.DealCompleted;
import market.order.event.DealCreated;
import market.order.event.MarketClosed;
import market.order.event.MarketOpened;
import market.order.event.OrderCancelled;
import market.order.event.OrderPublished;
import market.order.event.ProductDescribed;
import market.order.event.PublishedOrder;
import market.order.event.PurchaseApplied;
import market.order.event.PurchaseAuthorized;
import market.order.event.PurchaseCanceled;
import market.order.event.PurchaseRefused;
import market.order.market.OrderSigning;
import market.order.market.domain.DatasetOrder;
import market.order.market.domain.MarketCommand;
import market.order.market.domain.MarketEvent;
import market.platform.runtime.ReferenceData;
import market.platform.runtime.ServiceModel;
import org.apache.avro.specific.SpecificRecord;

/**
 * The order service's Avro commands and events to and from their domain records. A published
 * order is verified here: its EIP-712 hash is computed and its signer recovered from
 * {@code sign}, so the decider sees who really signed it.
 */
public final class OrderWire implements ServiceModel.CommandTranslator, ServiceModel.EventTranslator {

    private final OrderSigning signing;

    public OrderWire(OrderSigning signing) {
        this.signing = signing;
    }

    @Override
    public Object toDomain(SpecificRecord command, ReferenceData references) {
        if (command instanceof PublishOrder c) {
            return new MarketCommand.PublishOrder(c.getActor(), signing.verified(c.getOrder()), c.getIssuedAt());
        }
        if (command instanceof CancelOrder c) {
            return new MarketCommand.CancelOrder(c.getActor(), c.getDataset(), c.getOrderHash(), c.getIssuedAt());
        }
        if (command instanceof BuyData c) {
            return new MarketCommand.BuyData(c.getActor(), c.getDataset(), c.getMaxPrice(), c.getBuyerKey(), c.getTag(),
                    c.getDealId(), c.getIssuedAt());
        }
        if (command instanceof OpenMarket c) {
            return new MarketCommand.OpenMarket(c.getDataset(), c.getDataId(), c.getProvider(), c.getIssuedAt());
        }
        if (command instanceof CloseMarket c) {
            return new MarketCommand.CloseMarket(c.getDataset(), c.getDataId(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof CompleteDeal c) {
            return new MarketCommand.CompleteDeal(c.getDataset(), c.getDealId(), c.getIssuedAt());
        }
        if (command instanceof CancelDeal c) {
            return new MarketCommand.CancelDeal(c.getDataset(), c.getDealId(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof market.order.command.DescribeProduct c) {
            return new MarketCommand.DescribeProduct(c.getDataset(), c.getDataId(), c.getProvider(), c.getProductId(),
                    c.getPrice(), c.getIssuedAt());
        }
        if (command instanceof market.order.command.ApplyPurchase c) {
            return new MarketCommand.ApplyPurchase(c.getActor(), c.getDataset(), c.getOrderSeq(), c.getReason(),
                    c.getBuyerKey(), c.getDealId(), c.getIssuedAt());
        }
        if (command instanceof market.order.command.DecidePurchase c) {
            return new MarketCommand.DecidePurchase(c.getActor(), c.getDataset(), c.getConsumer(), c.getOrderSeq(),
                    c.getApprove(), c.getReason(), c.getIssuedAt());
        }
        if (command instanceof market.order.command.WithdrawPurchase c) {
            return new MarketCommand.WithdrawPurchase(c.getActor(), c.getDataset(), c.getOrderSeq(), c.getReason(),
                    c.getIssuedAt());
        }
        throw new IllegalArgumentException("not an order command: " + command.getSchema().getFullName());
    }

    @Override
    public SpecificRecord toAvro(Object event) {
        if (event instanceof MarketEvent.MarketOpened e) {
            return new MarketOpened(e.dataset(), e.dataId(), e.provider(), e.at());
        }
        if (event instanceof MarketEvent.MarketClosed e) {
            return new MarketClosed(e.dataset(), e.dataId(), e.reason(), e.closedOrders(), e.at());
        }
        if (event instanceof MarketEvent.OrderPublished e) {
            DatasetOrder o = e.order();
            return new OrderPublished(e.dataset(), new PublishedOrder(o.dataset(), o.datasetprice(), o.volume(), o.tag(),
                    o.apprestrict(), o.workerpoolrestrict(), o.requesterrestrict(), o.salt(), o.sign(), o.orderHash(),
                    o.signer()), e.at());
        }
        if (event instanceof MarketEvent.OrderCancelled e) {
            return new OrderCancelled(e.dataset(), e.orderHash(), e.at());
        }
        if (event instanceof MarketEvent.DealCreated e) {
            return new DealCreated(e.dataset(), e.dataId(), e.dealId(), e.orderHash(), e.buyer(), e.provider(),
                    e.price(), e.buyerKey(), e.at());
        }
        if (event instanceof MarketEvent.DealCompleted e) {
            return new DealCompleted(e.dataset(), e.dataId(), e.dealId(), e.buyer(), e.provider(), e.price(),
                    e.buyerKey(), e.at());
        }
        if (event instanceof MarketEvent.DealCancelled e) {
            return new DealCancelled(e.dataset(), e.dataId(), e.dealId(), e.orderHash(), e.buyer(), e.reason(), e.at());
        }
        if (event instanceof MarketEvent.ProductDescribed e) {
            return new ProductDescribed(e.dataset(), e.dataId(), e.provider(), e.productId(), e.price(), e.at());
        }
        if (event instanceof MarketEvent.PurchaseApplied e) {
            return new PurchaseApplied(e.dataset(), e.dataId(), e.consumer(), e.orderSeq(), e.provider(), e.productId(),
                    e.reason(), e.buyerKey(), e.dealId(), e.price(), e.at());
        }
        if (event instanceof MarketEvent.PurchaseAuthorized e) {
            return new PurchaseAuthorized(e.dataset(), e.dataId(), e.consumer(), e.orderSeq(), e.dealId(), e.at());
        }
        if (event instanceof MarketEvent.PurchaseRefused e) {
            return new PurchaseRefused(e.dataset(), e.dataId(), e.consumer(), e.orderSeq(), e.reason(), e.at());
        }
        if (event instanceof MarketEvent.PurchaseCanceled e) {
            return new PurchaseCanceled(e.dataset(), e.dataId(), e.consumer(), e.orderSeq(), e.reason(), e.at());
        }
        throw new IllegalArgumentException("not an order event: " + event.getClass().getName());
    }

    @Override
    public Object toDomain(SpecificRecord event) {
        if (event instanceof MarketOpened e) {
            return new MarketEvent.MarketOpened(e.getDataset(), e.getDataId(), e.getProvider(), e.getTimestamp());
        }
        if (event instanceof MarketClosed e) {
            return new MarketEvent.MarketClosed(e.getDataset(), e.getDataId(), e.getReason(), e.getClosedOrders(),
                    e.getTimestamp());
        }
        if (event instanceof OrderPublished e) {
            PublishedOrder o = e.getOrder();
            return new MarketEvent.OrderPublished(e.getDataset(), new DatasetOrder(o.getDataset(), o.getDatasetprice(),
                    o.getVolume(), o.getTag(), o.getApprestrict(), o.getWorkerpoolrestrict(), o.getRequesterrestrict(),
                    o.getSalt(), o.getSign(), o.getOrderHash(), o.getSigner()), e.getTimestamp());
        }
        if (event instanceof OrderCancelled e) {
            return new MarketEvent.OrderCancelled(e.getDataset(), e.getOrderHash(), e.getTimestamp());
        }
        if (event instanceof DealCreated e) {
            return new MarketEvent.DealCreated(e.getDataset(), e.getDataId(), e.getDealId(), e.getOrderHash(),
                    e.getBuyer(), e.getProvider(), e.getPrice(), e.getBuyerKey(), e.getTimestamp());
        }
        if (event instanceof DealCompleted e) {
            return new MarketEvent.DealCompleted(e.getDataset(), e.getDataId(), e.getDealId(), e.getBuyer(),
                    e.getProvider(), e.getPrice(), e.getBuyerKey(), e.getTimestamp());
        }
        if (event instanceof DealCancelled e) {
            return new MarketEvent.DealCancelled(e.getDataset(), e.getDataId(), e.getDealId(), e.getOrderHash(),
                    e.getBuyer(), e.getReason(), e.getTimestamp());
        }
        if (event instanceof ProductDescribed e) {
            return new MarketEvent.ProductDescribed(e.getDataset(), e.getDataId(), e.getProvider(), e.getProductId(),
                    e.getPrice(), e.getTimestamp());
        }
        if (event instanceof PurchaseApplied e) {
            return new MarketEvent.PurchaseApplied(e.getDataset(), e.getDataId(), e.getConsumer(), e.getOrderSeq(),
                    e.getProvider(), e.getProductId(), e.getReason(), e.getBuyerKey(), e.getDealId(), e.getPrice(),
                    e.getTimestamp());
        }
        if (event instanceof PurchaseAuthorized e) {
            return new MarketEvent.PurchaseAuthorized(e.getDataset(), e.getDataId(), e.getConsumer(), e.getOrderSeq(),
                    e.getDealId(), e.getTimestamp());
        }
        if (event instanceof PurchaseRefused e) {
            return new MarketEvent.PurchaseRefused(e.getDataset(), e.getDataId(), e.getConsumer(), e.getOrderSeq(),
                    e.getReason(), e.getTimestamp());
        }
        if (event instanceof PurchaseCanceled e) {
            return new MarketEvent.PurchaseCanceled(e.getDataset(), e.getDataId(), e.getConsumer(), e.getOrderSeq(),
                    e.getReason(), e.getTimestamp());
        }
        throw new IllegalArgumentException("not an order event: " + event.getSchema().getFullName());
    }
}
